import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  spawnManaged,
  startKubeSandbox,
  startRedis,
  startS3,
  uniqueName,
  waitForHealthy,
  type KubeSandbox,
  type ManagedProcess,
  type RedisHandle,
  type S3Handle,
} from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse } from './sse-client.js';

// The full stack as processes (gate, orca, front50, echo, clouddriver on real Redis, S3 and the kube sandbox), driven with exactly
// the HTTP calls `spin` makes (edge.md §2.2) and the status codes it requires.
const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const ADMIN_PASSWORD = 'spin-replay-admin-pass';
const SECRET = 'spin-replay-internal-secret-0123456789';
let redis: RedisHandle;
let s3: S3Handle;
let kube: KubeSandbox;
const processes: ManagedProcess[] = [];
let gate = '';

async function start(service: string, port: number, env: Record<string, string>): Promise<void> {
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  processes.push(proc);
  await waitForHealthy(`http://127.0.0.1:${port}/health/liveness`, proc, 45_000);
}

beforeAll(async () => {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'spin-replay-')), 'kubeconfig');
  [redis, s3, kube] = await Promise.all([
    startRedis({ ignoreEnv: true }),
    startS3({ ignoreEnv: true }),
    startKubeSandbox({ port: 0, kubeconfigPath, podReadyDelayMs: 50 }),
  ]);
  const ports = {
    front50: await freePort(),
    orca: await freePort(),
    echo: await freePort(),
    gate: await freePort(),
    clouddriver: await freePort(),
    igor: await freePort(),
  };
  const common = {
    REDIS_URL: redis.url,
    GENOA_INTERNAL_SECRET: SECRET,
    ...Object.fromEntries(
      Object.entries(ports).map(([name, port]) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}`]),
    ),
  };
  await start('front50', ports.front50, {
    ...common,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_REGION: s3.region,
    FRONT50_BUCKET: uniqueName('spin'),
  });
  await Promise.all([
    start('clouddriver', ports.clouddriver, { ...common, KUBECONFIG: kubeconfigPath }),
    start('orca', ports.orca, common),
    start('echo', ports.echo, { ...common, ECHO_CRON_ENABLED: 'false' }),
  ]);
  await start('gate', ports.gate, {
    ...common,
    GATE_AUTH_ENABLED: 'true',
    GATE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GATE_TASK_POLL_INTERVAL_MS: '100',
    GATE_TASK_MAX_POLLS: '300',
  });
  gate = `http://127.0.0.1:${ports.gate}`;
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.reverse().map((p) => p.stop()));
  await Promise.all([redis?.stop(), s3?.stop(), kube?.stop()]);
});

const auth = { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- spin reads untyped JSON too
type Json = any;

/** One spin call: method, path, JSON body; the status and parsed body. */
async function spin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(gate + path, {
    method,
    headers: {
      ...auth,
      'user-agent': 'Spinnaker-spin-cli/1.30.0',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // text body
  }
  return { status: res.status, body: parsed };
}

/** spin's task watcher: polls `GET /tasks/{id}` (id = last segment of ref) until a completed status. */
async function waitForTask(ref: string): Promise<string> {
  const id = ref.split('/').at(-1)!;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const task = await spin('GET', `/tasks/${id}`);
    expect(task.status).toBe(200);
    if (['SUCCEEDED', 'STOPPED', 'SKIPPED', 'TERMINAL', 'FAILED_CONTINUE'].includes(task.body.status))
      return task.body.status as string;
    if (Date.now() > deadline) throw new Error(`task ${id} still ${task.body.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Polls until `check` holds for the value read. */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
}

const APP = 'spinapp';
const pipelineFile = {
  application: APP,
  name: 'deploy',
  parameterConfig: [{ name: 'tag', required: true }],
  stages: [{ refId: '1', type: 'wait', name: 'Soak', waitTime: 120 }],
  triggers: [],
};

describe('spin replay against the full stack', () => {
  let configId = '';
  const executions: string[] = [];

  it('startup: GET /version, spin account whoami', async () => {
    const version = await spin('GET', '/version');
    expect(version.status).toBe(200);
    expect(version.body.version).toBeTruthy();
    const me = await spin('GET', '/auth/user');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect((await fetch(`${gate}/applications`)).status).toBe(401);
  });

  it('spin account list / get', async () => {
    const list = await spin('GET', '/credentials');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'local', authorized: true })]),
    );
    const one = await spin('GET', '/credentials/local');
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('local');
  });

  it('spin application save / list / get', async () => {
    const save = await spin('POST', '/tasks', {
      job: [
        {
          type: 'createApplication',
          application: {
            cloudProviders: 'kubernetes',
            instancePort: 80,
            name: APP,
            email: 'team@example.com',
          },
        },
      ],
      application: APP,
      description: `Create Application: ${APP}`,
    });
    expect(save.status).toBe(200);
    expect(save.body.ref).toMatch(/^\/tasks\/\w+$/);
    expect(await waitForTask(save.body.ref)).toBe('SUCCEEDED');

    const list = await spin('GET', '/applications');
    expect(list.status).toBe(200);
    expect(list.body.map((a: { name: string }) => a.name)).toContain(APP);

    const get = await spin('GET', `/applications/${APP}?expand=false`);
    expect(get.status).toBe(200);
    expect(get.body.attributes).toMatchObject({
      name: APP,
      email: 'team@example.com',
      cloudProviders: 'kubernetes',
    });
    const expanded = await spin('GET', `/applications/${APP}?expand=true`);
    expect(expanded.status).toBe(200);
    expect(expanded.body.name).toBe(APP);
    expect((await spin('GET', '/applications/nosuchapp?expand=false')).status).toBe(404);
  });

  it('spin pipeline save (new, then existing) / list / get / update', async () => {
    expect((await spin('GET', `/applications/${APP}/pipelineConfigs/deploy`)).status).toBe(404);
    expect((await spin('POST', '/pipelines', pipelineFile)).status).toBe(200);
    const existing = await spin('GET', `/applications/${APP}/pipelineConfigs/deploy`);
    expect(existing.status).toBe(200);
    configId = existing.body.id;
    expect(configId).toBeTruthy();
    expect(
      (await spin('POST', '/pipelines', { ...pipelineFile, id: configId, description: 'v2' })).status,
    ).toBe(200);

    const list = await spin('GET', `/applications/${APP}/pipelineConfigs`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: configId, name: 'deploy', description: 'v2' });

    // spin pipeline update --disabled, then --enabled: GET, flip `disabled`, POST.
    for (const disabled of [true, false]) {
      const current = await spin('GET', `/applications/${APP}/pipelineConfigs/deploy`);
      expect(current.status).toBe(200);
      expect((await spin('POST', '/pipelines', { ...current.body, disabled })).status).toBe(200);
      expect((await spin('GET', `/applications/${APP}/pipelineConfigs/deploy`)).body.disabled).toBe(disabled);
    }
  });

  it('spin pipeline execute (202) reaches a live SSE client within 1 s; a missing required parameter is 400', async () => {
    expect((await spin('POST', `/pipelines/${APP}/deploy`, { type: 'manual' })).status).toBe(400);
    const sse = await openSse(`${gate}/events/applications/${APP}`, auth);
    expect(sse.status).toBe(200);
    await sse.next((m) => m.comment === 'connected');
    try {
      for (const tag of ['v1', 'v2']) {
        const run = await spin('POST', `/pipelines/${APP}/deploy`, { type: 'manual', parameters: { tag } });
        const accepted = Date.now();
        expect(run.status).toBe(202);
        expect(run.body.ref).toMatch(/^\/pipelines\/\w+$/);
        const id = run.body.ref.split('/').at(-1) as string;
        executions.push(id);
        const event = await sse.next(
          (m) =>
            m.event === 'execution' &&
            JSON.parse(m.data!).executionId === id &&
            /stage:starting/.test(m.data!),
          5_000,
        );
        expect(event.at - accepted).toBeLessThan(1_000);
      }
    } finally {
      sse.close();
    }
  });

  it('spin application pipelines get / pipeline execution list / execution get', async () => {
    const running = await until(
      () => spin('GET', `/applications/${APP}/pipelines?expand=false&statuses=RUNNING`),
      (r) => r.body.length === 2,
    );
    expect(running.status).toBe(200);
    expect(running.body.map((e: { id: string }) => e.id).sort()).toEqual([...executions].sort());

    const latest = await spin('GET', `/executions?pipelineConfigIds=${configId}`);
    expect(latest.status).toBe(200);
    expect(latest.body).toHaveLength(1); // orca's default limit is 1 per config
    const several = await spin('GET', `/executions?pipelineConfigIds=${configId}&limit=5&statuses=RUNNING`);
    expect(several.body).toHaveLength(2);

    const one = await spin('GET', `/executions?executionIds=${executions[0]}&limit=1`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(one.body[0]).toMatchObject({
      id: executions[0],
      application: APP,
      trigger: { parameters: { tag: 'v1' } },
    });
  });

  it('spin pipeline execution cancel, spin application pipelines cancel (literal {application})', async () => {
    expect((await spin('PUT', `/pipelines/${executions[0]}/cancel`)).status).toBe(200);
    expect(
      (await spin('PUT', `/applications/%7Bapplication%7D/pipelines/${executions[1]}/cancel?reason=spin`))
        .status,
    ).toBe(200);
    for (const id of executions) {
      const done = await until(
        () => spin('GET', `/pipelines/${id}`),
        (r) => r.body.status === 'CANCELED',
      );
      expect(done.body.status).toBe('CANCELED');
    }
  });

  it('spin pipeline delete, spin application delete', async () => {
    expect((await spin('DELETE', `/pipelines/${APP}/deploy`)).status).toBe(200);
    expect((await spin('GET', `/applications/${APP}/pipelineConfigs/deploy`)).status).toBe(404);
    expect((await spin('DELETE', `/pipelines/${APP}/deploy`)).status).toBe(200); // missing: still 200

    expect((await spin('GET', `/applications/${APP}?expand=false`)).status).toBe(200);
    const del = await spin('POST', '/tasks', {
      job: [{ type: 'deleteApplication', application: { name: APP } }],
      application: APP,
      description: `Delete Application: ${APP}`,
    });
    expect(del.status).toBe(200);
    expect(await waitForTask(del.body.ref)).toBe('SUCCEEDED');
    expect((await spin('GET', `/applications/${APP}?expand=false`)).status).toBe(404);
  });
});

describe('less-used endpoints on the full stack', () => {
  const app = 'moreapp';
  const ids: string[] = [];

  it('bulk save, reorder, strategy configs', async () => {
    const created = await spin('POST', '/tasks', {
      job: [{ type: 'createApplication', application: { name: app, email: 'more@example.com' } }],
      application: app,
      description: `Create Application: ${app}`,
    });
    expect(await waitForTask(created.body.ref)).toBe('SUCCEEDED');
    const bulk = await spin(
      'POST',
      `/pipelines/bulksave?application=${app}`,
      ['a', 'b', 'c'].map((name) => ({
        application: app,
        name,
        stages: [{ refId: '1', type: 'wait', waitTime: 1 }],
      })),
    );
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ successful_pipelines_count: 3, failed_pipelines_count: 0 });
    const configs = (await spin('GET', `/applications/${app}/pipelineConfigs`)).body as {
      id: string;
      name: string;
    }[];
    expect(configs.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    ids.push(...configs.map((c) => c.id));
    const order = {
      [configs.find((c) => c.name === 'c')!.id]: 0,
      [configs.find((c) => c.name === 'a')!.id]: 1,
    };
    expect(
      (await spin('POST', '/actions/pipelines/reorder', { application: app, idsToIndices: order })).status,
    ).toBe(200);
    const reordered = (await spin('GET', `/applications/${app}/pipelineConfigs`)).body as { name: string }[];
    expect(reordered.slice(0, 2).map((c) => c.name)).toEqual(['c', 'a']);
    expect(
      (await spin('POST', '/actions/pipelines/reorder', { application: app, idsToIndices: { x: -1 } }))
        .status,
    ).toBe(400);
    const strategies = await spin('GET', `/applications/${app}/strategyConfigs`);
    expect(strategies).toEqual({ status: 200, body: [] });
    expect((await spin('GET', `/applications/${app}/strategyConfigs/none`)).status).toBe(404);
  });

  it('pipelines/start, executions search', async () => {
    const started = await spin('POST', '/pipelines/start', {
      application: app,
      name: 'adhoc',
      stages: [{ refId: '1', type: 'wait', waitTime: 1 }],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.ref.split('/').at(-1) as string;
    await until(
      () => spin('GET', `/pipelines/${id}`),
      (r) => r.body.status === 'SUCCEEDED',
    );
    const run = await spin('POST', `/pipelines/${app}/b`, { type: 'manual', parameters: { who: 'search' } });
    expect(run.status).toBe(202);
    const found = await until(
      () => spin('GET', `/applications/${app}/executions/search?pipelineName=b&triggerTypes=manual`),
      (r) => r.body.length === 1,
    );
    expect(found.status).toBe(200);
    expect(found.body[0].name).toBe('b');
    const trigger = Buffer.from(JSON.stringify({ parameters: { who: 'search' } })).toString('base64');
    expect(
      (await spin('GET', `/applications/${app}/executions/search?trigger=${trigger}`)).body,
    ).toHaveLength(1);
    const other = Buffer.from(JSON.stringify({ parameters: { who: 'else' } })).toString('base64');
    expect((await spin('GET', `/applications/${app}/executions/search?trigger=${other}`)).body).toHaveLength(
      0,
    );
    const all = await spin('GET', `/applications/${app}/executions/search?size=1&reverse=true`);
    expect(all.body).toHaveLength(1);
    expect(all.body[0].name).toBe('adhoc');
    expect((await spin('GET', `/applications/${app}/executions/search?trigger=%%%`)).status).toBe(400);
  });

  it('notifications, cron validation, service accounts, unknown routes', async () => {
    const prefs = {
      application: app,
      slack: [{ address: '#team', when: ['pipeline.failed'], level: 'application' }],
    };
    expect((await spin('POST', `/notifications/application/${app}`, prefs)).status).toBe(200);
    const saved = await spin('GET', `/notifications/application/${app}`);
    expect(saved.status).toBe(200);
    expect(saved.body.slack[0].address).toBe('#team');
    expect((await spin('DELETE', `/notifications/application/${app}`)).status).toBe(200);
    expect((await spin('GET', `/notifications/nope/${app}`)).status).toBe(400);

    const valid = await spin('GET', `/cron/validate?expression=${encodeURIComponent('0 0/5 * * * ?')}`);
    expect(valid.status).toBe(200);
    expect(valid.body.valid).toBe(true);
    const invalid = await spin('GET', '/cron/validate?expression=banana');
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ valid: false });
    expect(typeof invalid.body.message).toBe('string');

    const accounts = await spin('GET', '/auth/user/serviceAccounts');
    expect(accounts.status, JSON.stringify(accounts.body)).toBe(200);
    expect(Array.isArray(accounts.body)).toBe(true);

    const unknown = await spin('GET', '/no/such/route');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, error: 'Not Found' });
    expect(typeof unknown.body.message).toBe('string');
    expect(typeof unknown.body.timestamp).toBe('number');
  });
});
