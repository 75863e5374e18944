import { PipelineExecutionSchema, type EchoEvent } from '@genoa/shared';
import { createRedis, type Redis } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BullmqEngineQueue } from './bullmq-engine-queue.js';
import { BullmqEventPublisher } from './bullmq-event-publisher.js';
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

describe('BullmqEventPublisher', () => {
  const event = (i: number): EchoEvent => ({
    details: { source: 'orca', type: 'orca:stage:starting', created: String(i), application: 'app' },
    content: { i },
    eventId: `orca:stage:starting:${i}`,
  });

  it('caps the echo-events backlog while nobody consumes it: oldest orca events go, others stay', async () => {
    const publisher = new BullmqEventPublisher(redis, undefined, { maxBacklog: 100, backlogCheckMs: 0 });
    // another producer's event (gate's webhook) waits first, so it is the oldest
    await publisher.queue.add('webhook', event(-1) as never, { jobId: 'gate-webhook-1' });
    for (let batch = 0; batch < 5; batch += 1) {
      await publisher.publish(Array.from({ length: 60 }, (_, k) => event(batch * 60 + k)));
      await publisher.flush();
    }
    const waiting = await publisher.queue.getWaiting(0, -1);
    expect(waiting.length).toBe(100);
    expect(publisher.dropped).toBe(300 + 1 - 100);
    const kept = waiting.map((j) => (j.data.content as { i: number }).i).sort((a, b) => a - b);
    expect(kept[0]).toBe(-1);
    expect(kept.slice(1)).toEqual(Array.from({ length: 99 }, (_, k) => 201 + k));
    await publisher.close();
  });

  it('leaves the backlog alone under its cap', async () => {
    const publisher = new BullmqEventPublisher(redis, undefined, { maxBacklog: 100, backlogCheckMs: 0 });
    await publisher.publish(Array.from({ length: 80 }, (_, k) => event(k)));
    await publisher.flush();
    expect(await publisher.queue.getWaitingCount()).toBe(80);
    expect(publisher.dropped).toBe(0);
    await publisher.close();
  });
});
