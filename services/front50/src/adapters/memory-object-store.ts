import { createHash } from 'node:crypto';
import { ServiceUnavailableError } from '@genoa/shared';
import type { ListedKey, ListOptions, ObjectStore, StoredObject } from '../ports.js';

/**
 * An in-memory {@link ObjectStore} for unit tests. ETags are MD5 hex like S3's single-part
 * uploads. `setAvailable(false)` makes every call fail as an unreachable S3 would.
 */
export class MemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, StoredObject>();
  private available = true;
  /** Number of calls served, by operation (tests assert that reads stay cheap). */
  readonly calls = { get: 0, put: 0, delete: 0, list: 0 };

  /** Makes the store reachable or not. */
  setAvailable(available: boolean): void {
    this.available = available;
  }

  /** Every key currently stored (tests). */
  keys(): string[] {
    return [...this.objects.keys()].sort();
  }

  private check(): void {
    if (!this.available) throw new ServiceUnavailableError('S3 is unreachable (memory store switched off)');
  }

  async get(key: string): Promise<StoredObject | undefined> {
    this.check();
    this.calls.get++;
    const found = this.objects.get(key);
    return found ? { ...found, metadata: { ...found.metadata } } : undefined;
  }

  async put(key: string, body: string, metadata: Record<string, string> = {}): Promise<{ etag: string }> {
    this.check();
    this.calls.put++;
    const etag = createHash('md5').update(body).digest('hex');
    const lowered = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
    this.objects.set(key, { body, etag, lastModified: Date.now(), metadata: lowered });
    return { etag };
  }

  async delete(key: string): Promise<void> {
    this.check();
    this.calls.delete++;
    this.objects.delete(key);
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    this.check();
    this.calls.delete++;
    for (const key of keys) this.objects.delete(key);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListedKey[]> {
    this.check();
    this.calls.list++;
    const out: ListedKey[] = [];
    for (const key of this.keys()) {
      if (!key.startsWith(prefix)) continue;
      if (options.startAfter !== undefined && key <= options.startAfter) continue;
      const object = this.objects.get(key)!;
      out.push({ key, etag: object.etag, lastModified: object.lastModified });
      if (options.limit !== undefined && out.length >= options.limit) break;
    }
    return out;
  }
}
