/**
 * The ports front50's domain needs. `ObjectStore` is a plain key/value blob store with the few S3
 * calls front50 uses (GET, PUT, DELETE, ListObjectsV2); the S3 adapter speaks to any S3 (MinIO,
 * AWS, s3rver) and the memory adapter serves unit tests. Both pass one contract suite.
 */

/** One stored object as read back: its body, ETag (unquoted), Last-Modified and user metadata. */
export interface StoredObject {
  body: string;
  etag: string;
  lastModified: number;
  /** User metadata (`x-amz-meta-*`), keys lower-cased without the prefix. */
  metadata: Record<string, string>;
}

/** One key of a listing. */
export interface ListedKey {
  key: string;
  etag: string;
  lastModified: number;
}

/** Options of {@link ObjectStore.list}. */
export interface ListOptions {
  /** Only keys strictly greater than this one (S3 `start-after`). */
  startAfter?: string;
  /** At most this many keys. */
  limit?: number;
}

/**
 * A blob store addressed by key. Every method fails with a `ServiceUnavailableError` when the
 * store cannot be reached; a missing key is never an error.
 */
export interface ObjectStore {
  /** The object at `key`, or undefined when there is none. */
  get(key: string): Promise<StoredObject | undefined>;
  /** Writes `body` at `key` (replacing it) and returns the new ETag. */
  put(key: string, body: string, metadata?: Record<string, string>): Promise<{ etag: string }>;
  /** Removes `key`; removing a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Removes many keys (batched); missing keys are ignored. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** The keys under `prefix`, in ascending key order. */
  list(prefix: string, options?: ListOptions): Promise<ListedKey[]>;
}

/** The time source; tests inject a fixed or advancing one. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Where the domain reports degraded operation (a pruning that failed, a resync that happened). */
export interface StorageLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

/** A logger that drops everything (unit tests). */
export const silentLogger: StorageLogger = { warn() {}, info() {}, debug() {} };
