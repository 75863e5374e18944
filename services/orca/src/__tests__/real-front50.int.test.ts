import type { PipelineExecution } from '@genoa/shared';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50Process, type Front50Process } from './front50-process.js';
import { eventually, startOrca, type OrcaUnderTest } from './orca-under-test.js';

let redis: RedisHandle;
let front50: Front50Process;
let orca: OrcaUnderTest;

beforeAll(async () => {
  [redis, front50] = await Promise.all([startRedis(), startFront50Process(process.env)]);
  orca = await startOrca(redis.url, front50.url);
}, 120_000);
afterAll(async () => {
  await orca?.close();
  await front50?.stop();
  await redis?.stop();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const execution = async (id: string) =>
  (await orca.app.inject({ method: 'GET', url: `/pipelines/${id}` })).json<PipelineExecution>();
const until = (id: string, statuses: string[]) =>
  eventually(
    async () => {
      const e = await execution(id);
      return statuses.includes(e.status) ? e : undefined;
    },
    20_000,
    `execution ${id} to reach ${statuses.join('/')}`,
  );
/** Runs a configuration orchestration through `POST /ops` and waits for it to end. */
async function op(job: Record<string, unknown>, expected = 'SUCCEEDED') {
  const res = await orca.app.inject({
    method: 'POST',
    url: '/ops',
    payload: { application: 'shop', job: [job] },
  });
  expect(res.statusCode).toBe(200);
  const e = await until(res.json<{ ref: string }>().ref.split('/')[2]!, ['SUCCEEDED', 'TERMINAL']);
  expect([e.status, e.stages[0]!.context.exception]).toEqual([
    expected,
    expected === 'SUCCEEDED' ? undefined : expect.anything(),
  ]);
  return e;
}
const pipelines = async () =>
  (await front50.get<{ id: string; name: string; index?: number }[]>('/pipelines/shop')) ?? [];

describe('orca against a real front50 process (S3 store)', () => {
  it('config orchestrations: create application, save (single, bulk), update, delete pipeline, delete application', async () => {
    await op({
      type: 'createApplication',
      application: { name: 'shop', email: 'team@shop.test' },
      user: 'alice',
    });
    expect(await front50.get('/v2/applications/shop')).toMatchObject({
      name: 'SHOP',
      email: 'team@shop.test',
    });

    await op({
      type: 'savePipeline',
      pipeline: b64({ application: 'shop', name: 'deploy', stages: [] }),
      user: 'alice',
    });
    const deploy = (await pipelines()).find((p) => p.name === 'deploy')!;
    expect(deploy.id).toEqual(expect.any(String));

    const bulk = await op({
      type: 'savePipeline',
      isBulkSavingPipelines: true,
      pipelines: b64([
        { id: 'bulk-1', application: 'shop', name: 'one', stages: [] },
        { id: 'bulk-2', application: 'shop', name: 'two', stages: [] },
      ]),
    });
    expect(bulk.stages[0]!.context.bulksave).toMatchObject({ successful_pipelines_count: 2 });
    expect((await pipelines()).map((p) => p.name).sort()).toEqual(['deploy', 'one', 'two']);

    // a second pipeline of the same name is refused by front50, and the task says why
    const dup = await op(
      {
        type: 'savePipeline',
        pipeline: b64({ id: 'other', application: 'shop', name: 'DEPLOY', stages: [] }),
      },
      'TERMINAL',
    );
    expect(JSON.stringify(dup.stages[0]!.context.exception)).toMatch(/already exists/i);

    await op({
      type: 'updatePipeline',
      pipeline: b64({ id: 'bulk-1', application: 'shop', name: 'renamed', stages: [] }),
    });
    expect((await pipelines()).find((p) => p.id === 'bulk-1')?.name).toBe('renamed');

    await op({ type: 'deletePipeline', pipeline: b64({ application: 'shop', name: 'two' }) });
    expect((await pipelines()).map((p) => p.name).sort()).toEqual(['deploy', 'renamed']);

    await op({ type: 'deleteApplication', application: { name: 'shop' } });
    expect(await front50.get('/v2/applications/shop')).toBeUndefined();
  });

  it('the pipeline stage runs a child pipeline loaded by id from front50, with parameters', async () => {
    const child = await front50.post<{ id: string }>('/pipelines', {
      application: 'store',
      name: 'child',
      parameterConfig: [{ name: 'env', default: 'staging' }],
      stages: [
        {
          refId: '1',
          type: 'evaluateVariables',
          name: 'vars',
          variables: [{ key: 'where', value: '${parameters.env}' }],
        },
      ],
    });
    const res = await orca.app.inject({
      method: 'POST',
      url: '/orchestrate',
      payload: {
        application: 'store',
        name: 'parent',
        id: 'parent-cfg',
        stages: [
          {
            refId: '1',
            type: 'pipeline',
            name: 'run child',
            application: 'store',
            pipeline: child.id,
            pipelineParameters: { env: 'prod' },
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const parent = await until(res.json<{ ref: string }>().ref.split('/')[2]!, ['SUCCEEDED', 'TERMINAL']);
    expect(parent.status).toBe('SUCCEEDED');
    const stage = parent.stages[0]!;
    const childExecution = await execution(String(stage.context.executionId));
    expect(childExecution).toMatchObject({ status: 'SUCCEEDED', pipelineConfigId: child.id, name: 'child' });
    expect(childExecution.trigger).toMatchObject({ type: 'pipeline', parameters: { env: 'prod' } });
    expect(stage.outputs).toMatchObject({ where: 'prod' });
  });
});
