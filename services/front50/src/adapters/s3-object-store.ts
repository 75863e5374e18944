import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ServiceUnavailableError } from '@genoa/shared';
import type { Client } from 'minio';
import type { ListedKey, ListOptions, ObjectStore, StoredObject } from '../ports.js';

/** Options of {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  bucket: string;
  /** Shown in error messages (`http://host:port`). */
  endpoint: string;
  /** Longest time one S3 call may take before it counts as unreachable. */
  timeoutMs: number;
}

const missing = new Set(['NoSuchKey', 'NotFound', 'NoSuchObject']);
const staleSocketCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const isStaleSocket = (err: unknown): boolean =>
  staleSocketCodes.has((err as { code?: string }).code ?? '') || (err as Error).message === 'socket hang up';
const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The {@link ObjectStore} on S3 through the `minio` client: plain GET/PUT/DELETE/ListObjectsV2
 * calls only, so AWS S3, MinIO and s3rver all work. Any transport failure, timeout or S3 error
 * other than "no such key" becomes a `ServiceUnavailableError` naming the endpoint and bucket.
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: Client,
    private readonly options: S3ObjectStoreOptions,
  ) {}

  private async call<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      try {
        return await this.withTimeout(run);
      } catch (err) {
        // A keep-alive socket the server closed as we reused it: every call here is idempotent.
        if (!isStaleSocket(err)) throw err;
        return await this.withTimeout(run);
      }
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as Error).name;
      const detail = (err as Error).message || code;
      throw new ServiceUnavailableError(
        `S3 is unavailable: ${operation} ${key} in bucket ${this.options.bucket} at ${this.options.endpoint} failed (${code}: ${detail})`,
        { cause: err },
      );
    }
  }

  private async withTimeout<T>(run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            Object.assign(new Error(`timed out after ${this.options.timeoutMs} ms`), { code: 'TIMEOUT' }),
          ),
        this.options.timeoutMs,
      );
    });
    try {
      return await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    return this.call('GET', key, async () => {
      let response: IncomingMessage;
      try {
        response = (await this.client.getObject(this.options.bucket, key)) as IncomingMessage;
      } catch (err) {
        if (missing.has((err as { code?: string }).code ?? '')) return undefined;
        throw err;
      }
      const body = await readAll(response);
      const metadata: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
      }
      const lastModifiedHeader = response.headers?.['last-modified'];
      return {
        body,
        etag: unquote(response.headers?.etag),
        lastModified: lastModifiedHeader ? Date.parse(lastModifiedHeader) : Date.now(),
        metadata,
      };
    });
  }

  async put(key: string, body: string, metadata: Record<string, string> = {}): Promise<{ etag: string }> {
    return this.call('PUT', key, async () => {
      const buffer = Buffer.from(body, 'utf8');
      const result = await this.client.putObject(this.options.bucket, key, buffer, buffer.length, {
        'Content-Type': 'application/json',
        ...metadata,
      });
      return { etag: unquote(result.etag) };
    });
  }

  async delete(key: string): Promise<void> {
    await this.call('DELETE', key, () => this.client.removeObject(this.options.bucket, key));
  }

  /** Single deletes, 16 at a time: portable to stores without (or with a flaky) multi-object delete. */
  async deleteMany(keys: readonly string[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < keys.length) await this.delete(keys[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(16, keys.length) }, worker));
  }

  /** Pages through ListObjectsV2; the timeout applies to each page, not to the whole listing. */
  async list(prefix: string, options: ListOptions = {}): Promise<ListedKey[]> {
    const out: ListedKey[] = [];
    let token = '';
    for (;;) {
      const want = options.limit === undefined ? 1000 : Math.min(1000, options.limit - out.length);
      const startAfter = token ? '' : (options.startAfter ?? '');
      const page = await this.call('LIST', prefix, () =>
        this.client.listObjectsV2Query(this.options.bucket, prefix, token, '', want, startAfter),
      );
      for (const item of page.objects) {
        if (!item.name) continue;
        out.push({
          key: item.name,
          etag: unquote(item.etag),
          lastModified: item.lastModified ? new Date(item.lastModified).getTime() : 0,
        });
      }
      if (!page.isTruncated || !page.nextContinuationToken) break;
      if (options.limit !== undefined && out.length >= options.limit) break;
      token = page.nextContinuationToken;
    }
    return options.limit === undefined ? out : out.slice(0, options.limit);
  }
}
