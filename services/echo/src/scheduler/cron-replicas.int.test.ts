import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueName, type PipelineStartRequest } from '@genoa/shared';
import { createQueue, createRedis } from '@genoa/shared/node';
import {
  freePort,
  spawnManaged,
  startRedis,
  waitForHealthy,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import type { Redis } from 'ioredis';
import { cronEventId } from './cron-scheduler.js';

// Black-box: two echo processes share one Redis and one cron trigger firing every 2 seconds.
// Over at least 5 ticks, each tick fires exactly once (one fire, one start request), none is missed.
const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const TRIGGER_ID = 'c-every-2s';
let redisServer: RedisHandle;
let redis: Redis;
let front50: FastifyInstance;
const echoes: ManagedProcess[] = [];

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'e2e' });
  front50 = fastify();
  front50.get('/pipelines', async () => [
    {
      id: 'p-cron',
      application: 'shop',
      name: 'nightly-ish',
      stages: [{ type: 'wait', refId: '1', waitTime: 0 }],
      triggers: [{ type: 'cron', id: TRIGGER_ID, enabled: true, cronExpression: '*/2 * * * * ?' }],
    },
  ]);
  const front50Port = await freePort();
  await front50.listen({ port: front50Port, host: '127.0.0.1' });
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    const proc = spawnManaged(process.execPath, ['--import', 'tsx', 'services/echo/src/main.ts'], {
      cwd: repo,
      env: {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'info',
        REDIS_URL: redisServer.url,
        FRONT50_URL: `http://127.0.0.1:${front50Port}`,
        ECHO_CRON_ENABLED: 'true',
        ECHO_CRON_TIMEZONE: 'UTC',
        ECHO_CRON_CHECK_INTERVAL_MS: '100',
      },
    });
    echoes.push(proc);
    await waitForHealthy(`http://127.0.0.1:${port}/health`, proc);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(echoes.map((e) => e.stop()));
  await front50?.close();
  redis?.disconnect();
  await redisServer?.stop();
});

describe('cron with two echo replicas', () => {
  it('fires every tick exactly once over at least 5 ticks', async () => {
    await new Promise((r) => setTimeout(r, 12_000));
    // Judge the ticks up to a cutoff, once both replicas have had time to finish them.
    const cutoff = Date.now() - 1_000;
    await new Promise((r) => setTimeout(r, 1_500));

    const fireKeys = await redis.keys(`{echo}:cron:fire:${TRIGGER_ID}:*`);
    const ticks = fireKeys
      .map((k) => Number(k.split(':').at(-1)))
      .filter((t) => t <= cutoff)
      .sort((a, b) => a - b);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    // Consecutive ticks of `*/2 * * * * ?`: none missed in between.
    expect(ticks.slice(1).map((t, i) => t - ticks[i]!)).toEqual(ticks.slice(1).map(() => 2000));

    // Each tick was fired by exactly one replica (both log every fire they make)...
    const fired = echoes
      .flatMap((e) => e.output().split('\n'))
      .filter((l) => l.includes('"cron trigger fired"'))
      .map((l) => Date.parse((JSON.parse(l) as { scheduledTime: string }).scheduledTime));
    for (const tick of ticks) expect(fired.filter((t) => t === tick)).toHaveLength(1);
    // ...and became exactly one start request.
    const queue = createQueue<PipelineStartRequest>(QueueName.orcaPipelineRequests, redis);
    const starts = (await queue.getJobs(['waiting', 'delayed', 'active', 'completed'])).map((j) => j.data);
    await queue.close();
    for (const tick of ticks) {
      const mine = starts.filter((s) => s.trigger.eventId === cronEventId('p-cron', TRIGGER_ID, tick));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.trigger).toMatchObject({ type: 'cron', id: TRIGGER_ID });
    }
  });
});
