import {
  EchoEventSchema,
  PipelineExecutionSchema,
  QueueName,
  queuePrefix,
  type PipelineExecution,
} from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from './__tests__/front50-stand-in.js';
import { eventually, startOrca, type OrcaUnderTest } from './__tests__/orca-under-test.js';
import { startWebhookReceiver } from './__tests__/webhook-receiver.js';

let redis: RedisHandle;
let front50: Front50StandIn;
let orca: OrcaUnderTest;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  redis = await startRedis();
  front50 = await startFront50StandIn();
  receiver = await startWebhookReceiver();
  orca = await startOrca(redis.url, front50.url);
});
afterAll(async () => {
  await orca.close();
  await receiver.close();
  await front50.close();
  await redis.stop();
});

const post = async (url: string, payload: unknown) =>
  orca.app.inject({ method: 'POST', url, payload: payload as object });
const execution = async (id: string) =>
  (await orca.app.inject({ method: 'GET', url: `/pipelines/${id}` })).json<PipelineExecution>();
const until = (id: string, statuses: string[], timeoutMs = 15_000) =>
  eventually(
    async () => {
      const e = await execution(id);
      return statuses.includes(e.status) ? e : undefined;
    },
    timeoutMs,
    `execution ${id} to reach ${statuses.join('/')}`,
  );
const start = async (pipeline: Record<string, unknown>) => {
  const res = await post('/orchestrate', {
    application: 'app',
    name: 'p',
    id: 'cfg-' + Math.random().toString(36).slice(2),
    ...pipeline,
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ ref: string }>().ref.split('/')[2]!;
};
const wait = (refId: string, req: string[] = [], extra: Record<string, unknown> = {}) => ({
  refId,
  requisiteStageRefIds: req,
  type: 'wait',
  name: `w${refId}`,
  waitTime: 0,
  ...extra,
});

describe('orca over HTTP with real Redis and BullMQ', () => {
  it('POST /orchestrate runs a fan-out/fan-in pipeline to SUCCEEDED; JSON validates', async () => {
    const id = await start({
      stages: [wait('1'), wait('2', ['1']), wait('3', ['1']), wait('4', ['2', '3'])],
      trigger: { type: 'manual', user: 'alice' },
    });
    const e = await until(id, ['SUCCEEDED']);
    expect(PipelineExecutionSchema.safeParse(e).success).toBe(true);
    expect(e.stages.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(e.stages[3]!.startTime).toBeGreaterThanOrEqual(
      Math.max(e.stages[1]!.endTime!, e.stages[2]!.endTime!),
    );
  });

  it('rejects bad bodies with 400 and field paths; unknown executions are 404', async () => {
    const res = await post('/orchestrate', { application: 'app', stages: [{ name: 'no type' }] });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('stages[0].type');
    const ops = await post('/ops', { application: 'app', job: [] });
    expect(ops.statusCode).toBe(400);
    expect((await orca.app.inject({ method: 'GET', url: '/pipelines/nope' })).statusCode).toBe(404);
  });

  it('manual judgment through PATCH, then listing endpoints', async () => {
    const configId = 'judged-cfg';
    front50.pipelines.set(configId, { id: configId, application: 'app', name: 'judged', stages: [] });
    const res = await post('/orchestrate', {
      application: 'app',
      name: 'judged',
      id: configId,
      stages: [
        { refId: '1', type: 'manualJudgment', name: 'MJ', judgmentInputs: [{ value: 'yes' }] },
        wait('2', ['1'], { stageEnabled: { type: 'expression', expression: "#judgment('MJ') == 'yes'" } }),
      ],
    });
    const id = res.json<{ ref: string }>().ref.split('/')[2]!;
    const running = await eventually(async () => {
      const e = await execution(id);
      return e.stages[0]!.status === 'RUNNING' ? e : undefined;
    });
    const patch = await orca.app.inject({
      method: 'PATCH',
      url: `/pipelines/${id}/stages/${running.stages[0]!.id}`,
      payload: { judgmentStatus: 'continue', judgmentInput: 'yes' },
    });
    expect(patch.statusCode).toBe(200);
    const done = await until(id, ['SUCCEEDED']);
    expect(done.stages[1]!.status).toBe('SUCCEEDED');
    const listing = (
      await orca.app.inject({ method: 'GET', url: '/v2/applications/app/pipelines?limit=5' })
    ).json<PipelineExecution[]>();
    const mine = listing.find((e) => e.id === id)!;
    expect(mine.stages[0]!.tasks).toEqual([]);
    expect(mine.stages[0]!.context).toEqual({});
    const byConfig = (
      await orca.app.inject({
        method: 'GET',
        url: `/executions?pipelineConfigIds=${configId}&statuses=SUCCEEDED`,
      })
    ).json<PipelineExecution[]>();
    expect(byConfig.map((e) => e.id)).toEqual([id]);
    expect(
      (await orca.app.inject({ method: 'GET', url: '/executions?pipelineConfigIds=a&executionIds=b' }))
        .statusCode,
    ).toBe(400);
  });

  it('cancel, pause/resume and restart over HTTP', async () => {
    const id = await start({ stages: [wait('1', [], { waitTime: 600 })] });
    await eventually(async () =>
      (await execution(id)).stages[0]!.tasks?.[0]?.status === 'RUNNING' ? true : undefined,
    );
    expect((await orca.app.inject({ method: 'PUT', url: `/pipelines/${id}/pause` })).statusCode).toBe(202);
    await until(id, ['PAUSED']);
    await eventually(async () => ((await execution(id)).stages[0]!.status === 'PAUSED' ? true : undefined));
    expect((await orca.app.inject({ method: 'PUT', url: `/pipelines/${id}/resume` })).statusCode).toBe(202);
    await until(id, ['RUNNING']);
    expect(
      (await orca.app.inject({ method: 'PUT', url: `/pipelines/${id}/cancel?reason=enough` })).statusCode,
    ).toBe(202);
    const canceled = await until(id, ['CANCELED']);
    expect(canceled.cancellationReason).toBe('enough');
    const failing = await start({ stages: [wait('1', [], { waitTime: 'bad' })] });
    const failed = await until(failing, ['TERMINAL']);
    const restart = await orca.app.inject({
      method: 'PUT',
      url: `/pipelines/${failing}/stages/${failed.stages[0]!.id}/restart`,
    });
    expect(restart.statusCode).toBe(200);
    const restarted = await eventually(async () => {
      const e = await execution(failing);
      return e.stages[0]!.context.restartDetails && e.status === 'TERMINAL' ? e : undefined;
    });
    expect(restarted.stages[0]!.context.restartDetails).toMatchObject({
      restartedBy: expect.any(String),
      restartTime: expect.any(Number),
    });
    expect((await orca.app.inject({ method: 'DELETE', url: `/pipelines/${failing}` })).statusCode).toBe(200);
    expect((await orca.app.inject({ method: 'GET', url: `/pipelines/${failing}` })).statusCode).toBe(404);
  });

  it('POST /ops config orchestrations against a real front50; GET /tasks/{id}', async () => {
    const res = await post('/ops', {
      application: 'newapp',
      description: 'Create Application: newapp',
      job: [{ type: 'createApplication', application: { name: 'newapp', email: 'a@b.c' }, user: 'alice' }],
    });
    expect(res.json()).toEqual({ ref: expect.stringMatching(/^\/tasks\//) });
    const taskId = res.json<{ ref: string }>().ref.split('/')[2]!;
    const view = await eventually(async () => {
      const v = (await orca.app.inject({ method: 'GET', url: `/tasks/${taskId}` })).json<{
        status: string;
        steps: unknown[];
        name: string;
      }>();
      return v.status === 'SUCCEEDED' ? v : undefined;
    });
    expect(view.name).toBe('Create Application: newapp');
    expect(view.steps).toHaveLength(1);
    expect(front50.applications.get('NEWAPP')).toMatchObject({ email: 'a@b.c' });
    const pipeline = Buffer.from(
      JSON.stringify({ application: 'newapp', name: 'deploy', stages: [] }),
    ).toString('base64');
    const save = await post('/ops', {
      application: 'newapp',
      job: [{ type: 'savePipeline', pipeline, user: 'alice' }],
    });
    const saveId = save.json<{ ref: string }>().ref.split('/')[2]!;
    await until(saveId, ['SUCCEEDED']);
    expect([...front50.pipelines.values()].some((p) => p.name === 'deploy')).toBe(true);
    const dup = await post('/ops', {
      application: 'newapp',
      job: [
        {
          type: 'savePipeline',
          pipeline: Buffer.from(
            JSON.stringify({ application: 'newapp', name: 'DEPLOY', stages: [], id: 'other' }),
          ).toString('base64'),
        },
      ],
    });
    const dupTask = await until(dup.json<{ ref: string }>().ref.split('/')[2]!, ['TERMINAL']);
    expect(JSON.stringify(dupTask.stages[0]!.context.exception)).toMatch(/already exists/);
    const tasks = (await orca.app.inject({ method: 'GET', url: '/applications/newapp/tasks' })).json<
      { id: string }[]
    >();
    expect(tasks.map((t) => t.id)).toContain(taskId);
  });

  it('nested pipelines via front50, and a pipeline trigger on completion', async () => {
    front50.pipelines.set('child-cfg', {
      id: 'child-cfg',
      application: 'app',
      name: 'child',
      stages: [wait('1')],
    });
    front50.pipelines.set('after-cfg', {
      id: 'after-cfg',
      application: 'app',
      name: 'after',
      stages: [wait('1')],
      triggers: [{ type: 'pipeline', enabled: true, pipeline: 'parent-cfg', status: ['successful'] }],
    });
    const res = await post('/orchestrate', {
      application: 'app',
      name: 'parent',
      id: 'parent-cfg',
      stages: [{ refId: '1', type: 'pipeline', pipeline: 'child-cfg', application: 'app' }],
    });
    const id = res.json<{ ref: string }>().ref.split('/')[2]!;
    const e = await until(id, ['SUCCEEDED']);
    const child = await execution(e.stages[0]!.context.executionId as string);
    expect(child.status).toBe('SUCCEEDED');
    const after = await eventually(async () => {
      const list = (
        await orca.app.inject({ method: 'GET', url: '/executions?pipelineConfigIds=after-cfg' })
      ).json<PipelineExecution[]>();
      return list[0]?.status === 'SUCCEEDED' ? list[0] : undefined;
    });
    expect(after.trigger).toMatchObject({ type: 'pipeline', parentStatus: 'SUCCEEDED' });
  });

  it('webhook stage calls a real receiver once (127.0.0.1 allow-listed); a private address is refused otherwise', async () => {
    const id = await start({
      stages: [
        {
          refId: '1',
          type: 'webhook',
          name: 'hook',
          method: 'POST',
          url: `${receiver.url}/hook?stage=once`,
          payload: { x: 1 },
        },
      ],
    });
    const e = await until(id, ['SUCCEEDED']);
    expect(receiver.calls.get('once')).toBe(1);
    expect((e.stages[0]!.context.webhook as { statusCodeValue: number }).statusCodeValue).toBe(200);
    const blocked = await start({ stages: [{ refId: '1', type: 'webhook', url: 'http://10.1.2.3/hook' }] });
    const b = await until(blocked, ['TERMINAL']);
    expect(JSON.stringify(b.stages[0]!.context.exception)).toMatch(/private or loopback/);
    const scheme = await start({ stages: [{ refId: '1', type: 'webhook', url: 'file:///etc/passwd' }] });
    expect(JSON.stringify((await until(scheme, ['TERMINAL'])).stages[0]!.context.exception)).toMatch(
      /Only http and https/,
    );
  });

  it('evaluateExpression answers {result}', async () => {
    const id = await start({
      stages: [wait('1')],
      trigger: { type: 'manual', parameters: { region: 'eu' } },
    });
    const res = await orca.app.inject({
      method: 'POST',
      url: `/pipelines/${id}/evaluateExpression`,
      payload: { expression: '${parameters.region}' },
    });
    expect(res.json()).toEqual({ result: 'eu' });
  });

  it('start requests from the durable queue start once per request key; events reach the echo queue', async () => {
    const requests = createQueue(QueueName.orcaPipelineRequests, orca.redis);
    const request = {
      requestKey: 'req-1',
      pipeline: { application: 'app', id: 'queued-cfg', name: 'q', stages: [wait('1')] },
      trigger: { type: 'webhook' },
      user: 'echo',
    };
    await requests.add('start', request);
    await requests.add('start', request);
    const started = await eventually(async () => {
      const list = (
        await orca.app.inject({ method: 'GET', url: '/executions?pipelineConfigIds=queued-cfg&limit=10' })
      ).json<PipelineExecution[]>();
      return list.length > 0 &&
        list.every((e) => e.status === 'SUCCEEDED') &&
        (await requests.getWaitingCount()) === 0 &&
        (await requests.getActiveCount()) === 0
        ? list
        : undefined;
    });
    expect(started).toHaveLength(1);
    await requests.close();
    const events = createQueue(QueueName.echoEvents, orca.redis);
    const jobs = await events.getJobs(['waiting'], 0, 5000);
    const mine = jobs
      .map((j) => j.data as { details: { type: string }; content: { executionId?: string } })
      .filter((d) => d.content.executionId === started[0]!.id);
    expect(mine.map((d) => d.details.type)).toEqual(
      expect.arrayContaining([
        'orca:pipeline:starting',
        'orca:stage:starting',
        'orca:task:starting',
        'orca:task:complete',
        'orca:stage:complete',
        'orca:pipeline:complete',
      ]),
    );
    expect(mine.every((d) => EchoEventSchema.safeParse(d).success)).toBe(true);
    expect(queuePrefix[QueueName.echoEvents]).toBe('{echo}');
    await events.close();
  });
});
