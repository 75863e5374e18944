import { verifyIdentity } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGate, TEST_SECRET, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  // igor points at a closed port: /health must report it DOWN and stay UP.
  gate = await startTestGate(standIns, redis.url, { IGOR_URL: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});
beforeEach(() => {
  standIns.calls.length = 0;
  standIns.data.taskOutcome = { status: 'SUCCEEDED' };
  standIns.data.applications = {
    myapp: { name: 'myapp', email: 'team@example.com', cloudProviders: 'kubernetes' },
  };
  standIns.data.cdApplications = [
    { name: 'cdonly', clusterNames: { 'k8s-dev': ['deployment cdonly'] } },
    { name: 'myapp', clusterNames: { 'k8s-prod': ['deployment myapp'] } },
  ];
  standIns.data.pipelines = [
    {
      id: 'p-1',
      application: 'myapp',
      name: 'Deploy',
      stages: [],
      parameterConfig: [{ name: 'env', required: true }],
    },
  ];
  standIns.data.executions = {
    '01EXEC': {
      id: '01EXEC',
      type: 'PIPELINE',
      application: 'myapp',
      name: 'Deploy',
      status: 'RUNNING',
      stages: [],
    },
  };
});

describe('gate routing core', () => {
  it('answers /version and an unknown route with Spinnaker’s error shape', async () => {
    expect((await gate.app.inject({ url: '/version' })).json()).toMatchObject({ version: '0.0.0-test' });
    const res = await gate.app.inject({ url: '/no/such/thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      status: 404,
      error: 'Not Found',
      message: expect.stringContaining('/no/such/thing'),
    });
    expect(typeof res.json().timestamp).toBe('number');
  });

  it('stays UP when a dependency is DOWN and reports it', async () => {
    const res = await gate.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('UP');
    expect(res.json().checks.igor.status).toBe('DOWN');
    expect(res.json().checks.orca.status).toBe('UP');
    standIns.data.unready = ['front50'];
    const unready = (await gate.app.inject({ url: '/health' })).json();
    standIns.data.unready = [];
    expect(unready.status).toBe('UP');
    expect(unready.checks.front50).toMatchObject({
      status: 'DOWN',
      error: 'front50 is not ready (503: redis DOWN)',
    });
  });

  it('drops incoming identity headers and signs the real caller onto downstream calls', async () => {
    const res = await gate.app.inject({
      url: '/applications/myapp/pipelineConfigs',
      headers: {
        'x-spinnaker-user': 'mallory',
        'x-genoa-identity-signature': 'v1=forged',
        'x-spinnaker-accounts': 'prod',
      },
    });
    expect(res.statusCode).toBe(200);
    const call = standIns.calls.find((c) => c.service === 'front50' && c.url.startsWith('/pipelines/myapp'))!;
    expect(call.headers['x-spinnaker-user']).toBe('anonymous');
    const path = call.url.split('?')[0]!;
    expect(verifyIdentity(call.headers, 'GET', path, TEST_SECRET).verified).toBe(true);
  });
});

describe('applications and tasks', () => {
  it('merges front50 and clouddriver apps with lower-cased names and clouddriver accounts', async () => {
    const list = (await gate.app.inject({ url: '/applications' })).json() as Record<string, unknown>[];
    expect(list.map((a) => a.name)).toEqual(['cdonly', 'myapp']);
    expect(list[1]).toMatchObject({ email: 'team@example.com', accounts: 'k8s-prod' });
  });

  it('wraps one application in attributes and clusters, 404 when nobody knows it', async () => {
    const res = await gate.app.inject({ url: '/applications/MyApp' });
    expect(res.json()).toMatchObject({
      name: 'myapp',
      attributes: { email: 'team@example.com', accounts: 'k8s-prod' },
    });
    expect(res.json().clusters['k8s-prod'][0].name).toBe('deployment myapp');
    expect((await gate.app.inject({ url: '/applications/myapp?expand=false' })).json().clusters).toEqual({});
    expect((await gate.app.inject({ url: '/applications/ghost' })).statusCode).toBe(404);
    expect((await gate.app.inject({ url: '/applications/myapp?expand=maybe' })).statusCode).toBe(400);
  });

  it('POST /tasks answers 200 with orca’s ref; a bad body is 400 with the field path', async () => {
    const task = {
      application: 'newapp',
      description: 'Create Application: newapp',
      job: [{ type: 'createApplication', application: { name: 'newapp', email: 'a@b.c' } }],
    };
    const res = await gate.app.inject({ method: 'POST', url: '/tasks', payload: task });
    expect(res.statusCode).toBe(200);
    const { ref } = res.json() as { ref: string };
    expect(ref).toMatch(/^\/tasks\/01TASK/);
    const view = await gate.app.inject({ url: ref });
    expect(view.json()).toMatchObject({ status: 'SUCCEEDED', application: 'newapp' });
    const bad = await gate.app.inject({
      method: 'POST',
      url: '/tasks',
      payload: { application: 'x', job: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('job');
  });
});

describe('pipeline configs', () => {
  it('lists, gets by exact name, 404 otherwise', async () => {
    expect((await gate.app.inject({ url: '/applications/myapp/pipelineConfigs' })).json()).toHaveLength(1);
    expect((await gate.app.inject({ url: '/applications/myapp/pipelineConfigs/Deploy' })).json().id).toBe(
      'p-1',
    );
    expect((await gate.app.inject({ url: '/applications/myapp/pipelineConfigs/deploy' })).statusCode).toBe(
      404,
    );
  });

  it('POST /pipelines waits for orca’s savePipeline task with the base64 body: 200 empty, or 400 with its error', async () => {
    const pipeline = { application: 'myapp', name: 'Bake', stages: [] };
    const ok = await gate.app.inject({ method: 'POST', url: '/pipelines', payload: pipeline });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('');
    const op = standIns.calls.find((c) => c.service === 'orca' && c.url === '/ops')!;
    const job = (op.body as { job: { type: string; pipeline: string }[] }).job[0]!;
    expect(job.type).toBe('savePipeline');
    expect(JSON.parse(Buffer.from(job.pipeline, 'base64').toString())).toMatchObject(pipeline);
    standIns.data.taskOutcome = { status: 'TERMINAL', error: 'A pipeline with name Bake already exists' };
    const failed = await gate.app.inject({ method: 'POST', url: '/pipelines', payload: pipeline });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().message).toBe('A pipeline with name Bake already exists');
    expect(
      (await gate.app.inject({ method: 'POST', url: '/pipelines', payload: { name: 'x', stages: [] } }))
        .json()
        .errors.map((e: { path: string }) => e.path),
    ).toContain('application');
  });

  it('DELETE /pipelines/{app}/{name} matches case-insensitively and is 200 even when missing', async () => {
    expect((await gate.app.inject({ method: 'DELETE', url: '/pipelines/myapp/%20deploy' })).statusCode).toBe(
      200,
    );
    expect(standIns.calls.filter((c) => c.url === '/ops')).toHaveLength(1);
    expect((await gate.app.inject({ method: 'DELETE', url: '/pipelines/myapp/nothing' })).statusCode).toBe(
      200,
    );
    expect(standIns.calls.filter((c) => c.url === '/ops')).toHaveLength(1);
  });
});

describe('executions and triggers', () => {
  it('triggers through orca with 202 and enforces required parameters', async () => {
    const res = await gate.app.inject({
      method: 'POST',
      url: '/pipelines/myapp/Deploy',
      payload: { type: 'manual', parameters: { env: 'prod' } },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().ref).toMatch(/^\/pipelines\//);
    const sent = standIns.calls.find((c) => c.url.startsWith('/orchestrate'))!;
    expect(sent.body).toMatchObject({
      id: 'p-1',
      trigger: { type: 'manual', user: 'anonymous', parameters: { env: 'prod' }, notifications: [] },
    });
    const missing = await gate.app.inject({ method: 'POST', url: '/pipelines/myapp/Deploy', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('Required parameter env is missing');
    expect(
      (
        await gate.app.inject({
          method: 'POST',
          url: '/pipelines/myapp/p-1',
          payload: { parameters: { env: 'x' } },
        })
      ).statusCode,
    ).toBe(202);
    expect(
      (await gate.app.inject({ method: 'POST', url: '/pipelines/myapp/Nope', payload: {} })).statusCode,
    ).toBe(404);
  });

  it('v2 trigger posts a manual event to echo and answers 202 with eventId and ref', async () => {
    const res = await gate.app.inject({
      method: 'POST',
      url: '/pipelines/v2/myapp/Deploy',
      payload: { parameters: { env: 'dev' } },
    });
    expect(res.statusCode).toBe(202);
    const { eventId, ref } = res.json() as { eventId: string; ref: string };
    const event = standIns.calls.find((c) => c.service === 'echo')!.body as {
      eventId: string;
      content: { trigger: { executionId: string } };
    };
    expect(event.eventId).toBe(eventId);
    expect(ref).toBe(`/pipelines/${event.content.trigger.executionId}`);
  });

  it('cancel/pause/resume answer 200; spin’s literal {application} cancel path works', async () => {
    for (const url of [
      '/pipelines/01EXEC/cancel?reason=x',
      '/pipelines/01EXEC/pause',
      '/pipelines/01EXEC/resume',
      '/applications/%7Bapplication%7D/pipelines/01EXEC/cancel',
    ]) {
      expect((await gate.app.inject({ method: 'PUT', url })).statusCode).toBe(200);
    }
    expect((await gate.app.inject({ url: '/pipelines/01EXEC' })).json().status).toBe('RUNNING');
    expect((await gate.app.inject({ url: '/pipelines/ghost' })).statusCode).toBe(404);
  });

  it('/executions: [] without ids, 400 with both, the list otherwise', async () => {
    expect((await gate.app.inject({ url: '/executions' })).json()).toEqual([]);
    expect(
      (await gate.app.inject({ url: '/executions?executionIds=a&pipelineConfigIds=b' })).statusCode,
    ).toBe(400);
    expect((await gate.app.inject({ url: '/executions?executionIds=01EXEC&limit=1' })).json()).toHaveLength(
      1,
    );
  });

  it('passes credentials, infrastructure and projects through', async () => {
    expect((await gate.app.inject({ url: '/credentials' })).json()[0]).toMatchObject({
      name: 'k8s-dev',
      authorized: true,
    });
    expect((await gate.app.inject({ url: '/applications/myapp/clusters' })).json()).toEqual({
      'k8s-dev': ['deployment web'],
    });
    expect((await gate.app.inject({ url: '/manifests/k8s-dev/default/deployment%20web' })).json().name).toBe(
      'deployment web',
    );
    expect((await gate.app.inject({ url: '/projects' })).json()[0].id).toBe('p1');
    expect((await gate.app.inject({ url: '/auth/user' })).json()).toMatchObject({ username: 'anonymous' });
  });

  it('serves V2 pipeline templates (spin pipeline-template list/get) from front50’s template store', async () => {
    const list = await gate.app.inject({ url: '/v2/pipelineTemplates' });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((t: { id: string }) => t.id)).toEqual(['v2-template']);
    expect((await gate.app.inject({ url: '/v2/pipelineTemplates/v2-template' })).json().metadata.name).toBe(
      'Two',
    );
    expect((await gate.app.inject({ url: '/v2/pipelineTemplates/v1-template' })).statusCode).toBe(404);
  });
});
