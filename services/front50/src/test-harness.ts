import { anonymousIdentity } from '@genoa/shared';
import { createLogger, signIdentity } from '@genoa/shared/node';
import { startS3, uniqueName, type S3Handle } from '@genoa/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createS3Storage } from './adapters/storage-factory.js';
import { buildApp } from './app.js';
import type { Front50Storage } from './domain/storage.js';

/** The internal secret test replicas verify identity headers with. */
export const TEST_SECRET = 'front50-test-secret-0123456789';

/** One front50 replica under test: its app and its storage. */
export interface Replica {
  app: FastifyInstance;
  storage: Front50Storage;
  /** `app.inject` acting as `user` (signed identity headers), JSON in and out. */
  call(method: InjectOptions['method'], url: string, body?: unknown, user?: string): Promise<Reply>;
}

/** An injected response with its parsed JSON body. */
export interface Reply {
  status: number;
  body: unknown;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Options of {@link startReplica}. */
export interface ReplicaOptions {
  bucket: string;
  rootFolder?: string;
  historyMaxVersions?: number;
  timeoutMs?: number;
  bodyLimitBytes?: number;
}

/** Starts a front50 replica (storage warmed, no listening socket) on `s3`. */
export async function startReplica(s3: S3Handle, options: ReplicaOptions): Promise<Replica> {
  const logger = createLogger({ service: 'front50', version: 'test', level: 'silent' });
  const storage = await createS3Storage(
    {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_REGION: s3.region,
      FRONT50_BUCKET: options.bucket,
      FRONT50_ROOT_FOLDER: options.rootFolder ?? 'front50',
      FRONT50_S3_TIMEOUT_MS: options.timeoutMs ?? 3_000,
      FRONT50_HISTORY_MAX_VERSIONS: options.historyMaxVersions ?? 50,
      FRONT50_CHANGE_LOOKBACK_MS: 5_000,
      FRONT50_CHANGE_LOG_RETENTION_MS: 600_000,
      FRONT50_LOAD_CONCURRENCY: 16,
    },
    logger,
  );
  await storage.warm();
  const app = buildApp({
    config: {
      GENOA_INTERNAL_SECRET: TEST_SECRET,
      BODY_LIMIT_BYTES: options.bodyLimitBytes ?? 5 * 1024 * 1024,
    },
    logger,
    version: 'test',
    storage,
  });
  await app.ready();
  return {
    app,
    storage,
    async call(method, url, body, user) {
      const path = url.split('?')[0]!;
      const headers: Record<string, string> = user
        ? signIdentity({ ...anonymousIdentity, user }, method ?? 'GET', path, TEST_SECRET)
        : {};
      const response = await app.inject({
        method,
        url,
        headers,
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      });
      const text = response.body;
      let json: unknown = undefined;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: response.statusCode, body: text, json };
    },
  };
}

/** A fresh S3 server and bucket name for one test file. */
export async function startStore(): Promise<{ s3: S3Handle; bucket: () => string }> {
  const s3 = await startS3();
  return { s3, bucket: () => uniqueName('front50') };
}
