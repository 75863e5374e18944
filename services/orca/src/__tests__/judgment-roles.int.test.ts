import type { PipelineExecution } from '@genoa/shared';
import { signIdentity } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from './front50-stand-in.js';
import { eventually, startOrca, type OrcaUnderTest } from './orca-under-test.js';

const secret = 'judgment-roles-test-secret';
let redis: RedisHandle;
let front50: Front50StandIn;
let orca: OrcaUnderTest;

beforeAll(async () => {
  [redis, front50] = await Promise.all([startRedis(), startFront50StandIn()]);
  orca = await startOrca(redis.url, front50.url, { GENOA_INTERNAL_SECRET: secret });
});
afterAll(async () => {
  await orca?.close();
  await front50?.close();
  await redis?.stop();
});

const get = async (id: string) =>
  (await orca.app.inject({ method: 'GET', url: `/pipelines/${id}` })).json<PipelineExecution>();

/** PATCHes a stage as gate does: the identity (with roles) signed with the shared secret. */
const judge = (id: string, stageId: string, user: string, roles: string[]) => {
  const url = `/pipelines/${id}/stages/${stageId}`;
  return orca.app.inject({
    method: 'PATCH',
    url,
    headers: signIdentity({ user, accounts: [], roles }, 'PATCH', url, secret),
    payload: { judgmentStatus: 'continue', judgmentInput: 'ship' },
  });
};

describe('manual judgment roles over HTTP with signed identities', () => {
  it('only a user holding one of the stage roles can judge', async () => {
    const res = await orca.app.inject({
      method: 'POST',
      url: '/orchestrate',
      payload: {
        application: 'app',
        name: 'release',
        id: 'roles-cfg',
        stages: [{ refId: '1', type: 'manualJudgment', name: 'Ship?', selectedStageRoles: ['release'] }],
      },
    });
    const id = res.json<{ ref: string }>().ref.split('/')[2]!;
    const stageId = (
      await eventually(async () => ((await get(id)).stages[0]?.status === 'RUNNING' ? get(id) : undefined))
    ).stages[0]!.id;

    expect((await judge(id, stageId, 'mallory', ['dev'])).statusCode).toBe(200);
    const reset = await eventually(async () => {
      const s = (await get(id)).stages[0]!;
      return s.context.judgmentStatus === '' ? s : undefined;
    });
    expect(reset.status).toBe('RUNNING');
    expect(reset.lastModified).toMatchObject({ user: 'mallory', roles: [] });

    expect((await judge(id, stageId, 'alice', ['release'])).statusCode).toBe(200);
    const done = await eventually(async () => ((await get(id)).status === 'SUCCEEDED' ? get(id) : undefined));
    expect(done.stages[0]!.lastModified).toMatchObject({ user: 'alice', roles: ['release'] });
    expect(done.stages[0]!.context).toMatchObject({ lastModifiedBy: 'alice', judgmentInput: 'ship' });
  });
});
