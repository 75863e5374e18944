import type { PipelineExecution } from '@genoa/shared';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from '../__tests__/front50-stand-in.js';
import { eventually, startOrca, type OrcaUnderTest } from '../__tests__/orca-under-test.js';

let redis: RedisHandle;
let front50: Front50StandIn;
let orca: OrcaUnderTest;

beforeAll(async () => {
  redis = await startRedis();
  front50 = await startFront50StandIn();
  orca = await startOrca(redis.url, front50.url, {
    ORCA_RECONCILER_IDLE_MS: '1500',
    ORCA_RECONCILER_INTERVAL_MS: '300',
  });
});
afterAll(async () => {
  await orca.close();
  await front50.close();
  await redis.stop();
});

const get = async (id: string) => (await orca.runtime.repository.get(id)) as PipelineExecution;

describe('reconciler and retention on Redis', () => {
  it('repairs a RUNNING execution whose queued work was lost', async () => {
    const res = await orca.app.inject({
      method: 'POST',
      url: '/orchestrate',
      payload: {
        application: 'rec',
        id: 'rec-cfg',
        stages: [
          { refId: '1', type: 'wait', waitTime: 2 },
          { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', waitTime: 0 },
        ],
      },
    });
    const id = res.json<{ ref: string }>().ref.split('/')[2]!;
    await eventually(async () =>
      (await get(id)).stages[0]!.tasks?.[0]?.status === 'RUNNING' ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    // lose every queued engine message (a Redis mishap): the wait task's delayed runTask is gone
    const queue = (
      orca.runtime.engine.deps.queue as unknown as {
        queue: {
          obliterate(o: { force: boolean }): Promise<void>;
          pause(): Promise<void>;
          resume(): Promise<void>;
        };
      }
    ).queue;
    await queue.pause();
    await queue.obliterate({ force: true });
    await queue.resume();
    const lostAt = Date.now();
    const e = await eventually(
      async () => ((await get(id)).status === 'SUCCEEDED' ? get(id) : undefined),
      20_000,
      'repair',
    );
    expect(e.stages.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(Date.now() - lostAt).toBeLessThan(120_000);
  });

  it('retention removes completed executions beyond the per-pipeline count', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await orca.app.inject({
        method: 'POST',
        url: '/orchestrate',
        payload: { application: 'ret', id: 'ret-cfg', stages: [{ refId: '1', type: 'wait', waitTime: 0 }] },
      });
      ids.push(res.json<{ ref: string }>().ref.split('/')[2]!);
    }
    await eventually(async () =>
      (await orca.runtime.repository.getMany(ids)).every((e) => e.status === 'SUCCEEDED') ? true : undefined,
    );
    const removed = await orca.runtime.repository.sweep({ completedBefore: 0, maxPerConfig: 2, batch: 100 });
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(await orca.runtime.repository.listByPipelineConfig('ret-cfg')).toHaveLength(2);
  });
});
