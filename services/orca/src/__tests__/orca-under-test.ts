import { createRedis, type Redis } from '@genoa/shared/node';
import { uniqueName } from '@genoa/testing';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../app.js';
import { loadOrcaConfig, type OrcaConfig } from '../config.js';
import { createRuntime, type OrcaRuntime } from '../engine/runtime.js';

/** An orca (HTTP app + engine worker) in this process, on a real Redis. */
export interface OrcaUnderTest {
  app: FastifyInstance;
  runtime: OrcaRuntime;
  redis: Redis;
  config: OrcaConfig;
  close(): Promise<void>;
}

/** Environment of a test orca: fast reconciler and retention loops, 127.0.0.1 allow-listed. */
export const testEnv = (redisUrl: string, front50Url: string, extra: Record<string, string> = {}) => ({
  REDIS_URL: redisUrl,
  FRONT50_URL: front50Url,
  ORCA_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  ORCA_RECONCILER_INTERVAL_MS: '500',
  ORCA_RECONCILER_IDLE_MS: '3000',
  ORCA_QUEUE_LOCK_DURATION_MS: '5000',
  ORCA_QUEUE_STALLED_INTERVAL_MS: '2000',
  ORCA_RETENTION_INTERVAL_MS: '3600000',
  ORCA_WORKER_CONCURRENCY: '8',
  LOG_LEVEL: 'silent',
  ...extra,
});

/** Starts orca in-process; the caller flushes Redis between files (each file gets its own Redis). */
export async function startOrca(
  redisUrl: string,
  front50Url: string,
  extra: Record<string, string> = {},
): Promise<OrcaUnderTest> {
  const config = loadOrcaConfig(testEnv(redisUrl, front50Url, extra));
  const logger = pino({ level: 'silent', name: uniqueName('orca') });
  const redis = createRedis(redisUrl, { name: 'orca-test' });
  const runtime = createRuntime(config, redis, logger);
  const { app } = buildApp({
    config,
    logger,
    version: 'test',
    engine: runtime.engine,
    repository: runtime.repository,
    front50: runtime.front50,
    clock: runtime.clock,
  });
  await app.ready();
  return {
    app,
    runtime,
    redis,
    config,
    async close() {
      await app.close();
      await runtime.stopWorkers();
      await runtime.closeConnections();
      redis.disconnect();
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
