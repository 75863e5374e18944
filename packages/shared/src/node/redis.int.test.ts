import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, uniqueName, type RedisHandle } from '@genoa/testing';
import type { Job } from 'bullmq';
import { createLogger } from './logger.js';
import { createQueue, createWorker } from './queue.js';
import { createRedis, openRedis } from './redis.js';
import { createShutdown } from './shutdown.js';

let redis: RedisHandle;
const logger = createLogger({ service: 'test', level: 'silent' });

beforeAll(async () => {
  redis = await startRedis({ ignoreEnv: true });
});
afterAll(async () => {
  await redis?.stop();
});

describe('openRedis', () => {
  it('connects to a noeviction Redis and closes it on shutdown', async () => {
    const shutdown = createShutdown(logger, 2_000);
    const client = await openRedis(redis.url, { name: 'test', shutdown });
    expect(await client.ping()).toBe('PONG');
    await shutdown.run('test');
    await expect(client.ping()).rejects.toThrow(/closed/i);
  });

  it('refuses a Redis that may evict keys', async () => {
    const admin = createRedis(redis.url, { name: 'admin' });
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const shutdown = createShutdown(logger, 2_000);
    await expect(openRedis(redis.url, { name: 'test', shutdown })).rejects.toThrow(/requires "noeviction"/);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await shutdown.run('test');
    await admin.quit();
  });

  it('fails clearly when Redis is not there', async () => {
    const shutdown = createShutdown(logger, 2_000);
    await expect(
      openRedis('redis://127.0.0.1:1', { name: 'test', shutdown, timeoutMs: 300 }),
    ).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});

describe('queues', () => {
  it('delivers jobs through a hash-tagged prefix and drains on close', async () => {
    const connection = createRedis(redis.url, { name: 'queue', forWorker: true });
    const queue = createQueue<{ n: number }>('echo-events', connection);
    const seen: number[] = [];
    let allSeen: () => void = () => {};
    const done = new Promise<void>((resolve) => (allSeen = resolve));
    const worker = createWorker<{ n: number }>(
      'echo-events',
      async (job: Job<{ n: number }>) => {
        seen.push(job.data.n);
        if (seen.length === 3) allSeen();
      },
      connection,
      logger,
    );
    const tag = uniqueName('job');
    await queue.addBulk([1, 2, 3].map((n) => ({ name: tag, data: { n } })));
    await done;
    expect(seen.sort()).toEqual([1, 2, 3]);
    const keys = await connection.keys('{echo}:echo-events:*');
    expect(keys.length).toBeGreaterThan(0);
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });
});
