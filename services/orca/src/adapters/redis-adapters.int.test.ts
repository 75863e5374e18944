import { PipelineExecutionSchema } from '@genoa/shared';
import { createRedis, type Redis } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BullmqEngineQueue } from './bullmq-engine-queue.js';
import { describeExecutionRepositoryContract } from './execution-repository.contract.js';
import { RedisExecutionRepository } from './redis-execution-repository.js';

let server: RedisHandle;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis({ ignoreEnv: false });
  redis = createRedis(server.url, { name: 'orca-adapters-test' });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});
beforeEach(async () => {
  await redis.flushdb();
});

describe('RedisExecutionRepository', () => {
  describeExecutionRepositoryContract(async () => new RedisExecutionRepository(redis, { lockTtlMs: 2000 }));

  it('keeps every key under the {orca} hash tag and stores schema-valid JSON', async () => {
    const repo = new RedisExecutionRepository(redis);
    const { buildPipelineExecution } = await import('../domain/execution-builder.js');
    const e = buildPipelineExecution(
      { application: 'a', id: 'c', stages: [{ type: 'wait', refId: '1' }] },
      {},
      { now: 1 },
    );
    await repo.create(e);
    const keys = await redis.keys('*');
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.every((k) => k.startsWith('{orca}:'))).toBe(true);
    expect(
      PipelineExecutionSchema.safeParse(JSON.parse((await redis.get(`{orca}:exec:${e.id}`))!)).success,
    ).toBe(true);
  });

  it('an expired lock lets another writer in and fences the old one out', async () => {
    const repo = new RedisExecutionRepository(redis, { lockTtlMs: 1000 });
    const { buildPipelineExecution } = await import('../domain/execution-builder.js');
    const e = buildPipelineExecution(
      { application: 'a', id: 'c', stages: [{ type: 'wait', refId: '1' }] },
      {},
      { now: 1 },
    );
    await repo.create(e);
    const stale = await repo.lockAndGet(e.id);
    const fresh = await repo.lockAndGet(e.id, 3000);
    expect(fresh.lock?.executionId).toBe(e.id);
    expect(fresh.lock?.token).not.toBe(stale.lock?.token);
    await expect(repo.save(stale.execution!, stale.lock!)).rejects.toMatchObject({ code: 'CONFLICT' });
    await repo.saveAndUnlock(fresh.execution!, fresh.lock!);
  });
});

describe('BullmqEngineQueue', () => {
  it('keys runTask messages: a second ensure moves the delayed one instead of adding', async () => {
    const queue = new BullmqEngineQueue(redis);
    const m = {
      kind: 'runTask',
      executionType: 'PIPELINE',
      executionId: 'e',
      application: 'a',
      stageId: 's',
      taskId: '1',
    } as const;
    await queue.ensure(m, 60_000);
    await queue.ensure(m, 60_000);
    expect(await queue.queue.getDelayedCount()).toBe(1);
    expect(await queue.hasPending(m)).toBe(true);
    await queue.ensure(m, 0);
    expect(await queue.queue.getDelayedCount()).toBe(0);
    expect(await queue.queue.getWaitingCount()).toBe(1);
    await queue.push({
      kind: 'startExecution',
      executionType: 'PIPELINE',
      executionId: 'e',
      application: 'a',
    });
    await queue.push({
      kind: 'startExecution',
      executionType: 'PIPELINE',
      executionId: 'e',
      application: 'a',
    });
    expect(await queue.queue.getWaitingCount()).toBe(3);
    await queue.close();
  });
});
