import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isComplete } from '@genoa/shared';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from './__tests__/front50-stand-in.js';
import { eventually, startOrca, type OrcaUnderTest } from './__tests__/orca-under-test.js';

let redis: RedisHandle;
let front50: Front50StandIn;
let orca: OrcaUnderTest;
const dataDir = mkdtempSync(join(tmpdir(), 'orca-aof-'));

beforeAll(async () => {
  redis = await startRedis({ dataDir, ignoreEnv: true });
  front50 = await startFront50StandIn();
  orca = await startOrca(redis.url, front50.url, { ORCA_RECONCILER_IDLE_MS: '2000' });
});
afterAll(async () => {
  await orca.close();
  await front50.close();
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Redis restart (AOF on) in the middle of a run', () => {
  it('executions resume and complete after Redis is killed and restarted', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 20; n += 1) {
      const res = await orca.app.inject({
        method: 'POST',
        url: '/orchestrate',
        payload: {
          application: 'aof',
          name: `aof-${n}`,
          id: `aof-${n}`,
          stages: [
            { refId: '1', type: 'wait', waitTime: 1 },
            { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', waitTime: 2 },
            { refId: '3', requisiteStageRefIds: ['2'], type: 'wait', waitTime: 0 },
          ],
        },
      });
      ids.push(res.json<{ ref: string }>().ref.split('/')[2]!);
    }
    await new Promise((r) => setTimeout(r, 1500)); // let AOF (fsync every second) take the starts
    const before = await orca.runtime.repository.getMany(ids);
    expect(before.some((e) => e.status === 'RUNNING')).toBe(true);
    await redis.restart!(); // SIGKILL, then start again on the same data dir
    const after = await eventually(
      async () => {
        try {
          const all = await orca.runtime.repository.getMany(ids);
          return all.length === ids.length && all.every((e) => isComplete(e.status)) ? all : undefined;
        } catch {
          return undefined; // Redis still coming back
        }
      },
      60_000,
      'executions to complete after the Redis restart',
    );
    process.stdout.write(
      `\nREDIS RESTART: ${after.filter((e) => e.status === 'SUCCEEDED').length}/${ids.length} SUCCEEDED\n`,
    );
    expect(after.every((e) => e.status === 'SUCCEEDED')).toBe(true);
  }, 90_000);
});
