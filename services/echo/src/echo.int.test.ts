import { createHmac } from 'node:crypto';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueueName, type PipelineStartRequest } from '@genoa/shared';
import { createLogger, createQueue, createRedis } from '@genoa/shared/node';
import { fixtureFiles, freePort, startRedis, type RedisHandle } from '@genoa/testing';
import type { Redis } from 'ioredis';
import { buildApp } from './app.js';
import { loadEchoConfig } from './config.js';
import { CronScheduler } from './scheduler/cron-scheduler.js';
import { wireEcho, type EchoParts } from './wiring.js';

const logger = createLogger({ service: 'echo', level: 'silent' });
let redisServer: RedisHandle;
let redis: Redis;
let front50: FastifyInstance;
let igor: FastifyInstance;
let pipelines: Record<string, unknown>[] = [];
let app: FastifyInstance;
let parts: EchoParts;
let connection: Redis;

const body = (name: string) =>
  fixtureFiles('webhooks').find((f) => f.name === name)!.json as Record<string, unknown>;

const listen = async (server: FastifyInstance) => {
  const port = await freePort();
  await server.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}`;
};

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'echo-test' });
  // Front50 stand-in: Spinnaker's paths and shapes.
  front50 = fastify();
  front50.get('/pipelines', async () => pipelines);
  front50.get(
    '/pipelines/:id/get',
    async (req, reply) =>
      pipelines.find((p) => p.id === (req.params as { id: string }).id) ??
      reply.status(404).send({ message: 'not found' }),
  );
  // igor stand-in for build info and property files.
  igor = fastify();
  igor.get('/builds/status/:n/:master/*', async (req) => ({
    number: Number((req.params as { n: string }).n),
    result: 'SUCCESS',
    name: (req.params as Record<string, string>)['*'],
  }));
  igor.get('/builds/properties/:n/:file/:master/*', async () => ({ version: '2.0.1' }));
  const [front50Url, igorUrl] = await Promise.all([listen(front50), listen(igor)]);
  process.env.TEST_FRONT50 = front50Url;
  process.env.TEST_IGOR = igorUrl;
});
afterAll(async () => {
  await Promise.all([front50.close(), igor.close()]);
  redis.disconnect();
  await redisServer.stop();
});

beforeEach(async () => {
  await redis.flushall();
  pipelines = [
    {
      id: 'p-hook',
      application: 'app',
      name: 'hooked',
      stages: [],
      triggers: [{ type: 'webhook', enabled: true, source: 'myhook' }],
      parameterConfig: [{ name: 'stack', default: 'dev' }],
    },
    {
      id: 'p-git',
      application: 'app',
      name: 'on-push',
      stages: [],
      triggers: [
        {
          type: 'git',
          enabled: true,
          source: 'github',
          project: 'jervi',
          slug: 'expert-waffle',
          branch: 'main',
          secret: 'k3y',
        },
      ],
    },
    {
      id: 'p-ci',
      application: 'app',
      name: 'after-build',
      stages: [],
      triggers: [
        {
          type: 'jenkins',
          enabled: true,
          master: 'jenkins1',
          job: 'team/job/svc',
          propertyFile: 'build.properties',
        },
      ],
    },
    {
      id: 'p-cron',
      application: 'app',
      name: 'nightly',
      stages: [],
      triggers: [{ type: 'cron', enabled: true, id: 'c-1', cronExpression: '0 0 * * * ?' }],
    },
  ];
  const config = loadEchoConfig({
    REDIS_URL: redisServer.url,
    FRONT50_URL: process.env.TEST_FRONT50,
    IGOR_URL: process.env.TEST_IGOR,
    ECHO_CRON_ENABLED: 'false',
  });
  connection = createRedis(redisServer.url, { name: 'echo' });
  parts = wireEcho(config, connection, logger);
  await parts.start();
  app = buildApp({ config, logger, version: '0', parts });
});
afterEach(async () => {
  await app.close();
  await parts.stop();
  connection.disconnect();
});

async function starts(): Promise<PipelineStartRequest[]> {
  const queue = createQueue<PipelineStartRequest>(QueueName.orcaPipelineRequests, redis);
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
  await queue.close();
  return jobs.map((j) => j.data);
}
/** Waits until every accepted event has been processed by the worker. */
async function drained(): Promise<void> {
  const queue = createQueue(QueueName.echoEvents, redis);
  for (let i = 0; i < 200; i += 1) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await queue.close();
}

describe('echo intake to start requests', () => {
  it('webhook: parameters reach the trigger, defaults fill the rest; constraints can refuse', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/webhook/myhook',
      payload: body('spinnaker-io__webhook-payload-parameters.json'),
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer).toEqual({ eventProcessed: true, eventId: expect.any(String) });
    const other = await app.inject({ method: 'POST', url: '/webhooks/webhook/otherhook', payload: {} });
    expect(other.json().eventProcessed).toBe(true);
    await drained();
    const sent = await starts();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      requestKey: `echo/${answer.eventId}/p-hook`,
      pipeline: { id: 'p-hook' },
      trigger: { type: 'webhook', source: 'myhook', parameters: { stack: 'prod' }, eventId: answer.eventId },
    });
  });

  it('git: a GitHub push signed with the trigger secret starts; unsigned does not; a ping is not processed', async () => {
    const payload = JSON.stringify(body('echo__github-push-payload.json'));
    const signature = `sha256=${createHmac('sha256', 'k3y').update(payload).digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-github-event': 'push' };
    const signed = await app.inject({
      method: 'POST',
      url: '/webhooks/git/github',
      payload,
      headers: { ...headers, 'x-hub-signature-256': signature },
    });
    await app.inject({ method: 'POST', url: '/webhooks/git/github', payload, headers });
    const ping = await app.inject({
      method: 'POST',
      url: '/webhooks/git/github',
      payload: { hook_id: 1, zen: 'hi' },
      headers: { 'x-github-event': 'ping' },
    });
    expect(ping.json().eventProcessed).toBe(false);
    await drained();
    const sent = await starts();
    expect(sent.map((s) => s.trigger.eventId)).toEqual([signed.json().eventId]);
    expect(sent[0]!.trigger).toMatchObject({
      type: 'git',
      branch: 'main',
      hash: 'da68b0f38d58d68196651e808317bfae708fa9f0',
    });
    expect(sent[0]!.trigger).not.toHaveProperty('secret');
  });

  it('POST /: an igor build event starts the jenkins pipeline once, with buildInfo and properties from igor', async () => {
    const event = {
      details: { type: 'build', source: 'igor' },
      content: {
        master: 'jenkins1',
        project: {
          name: 'team/job/svc',
          lastBuild: {
            building: false,
            number: 12,
            result: 'SUCCESS',
            url: 'http://ci/job/team/job/svc/12/',
          },
        },
      },
      eventId: 'build-evt-1',
    };
    expect((await app.inject({ method: 'POST', url: '/', payload: event })).statusCode).toBe(200);
    await drained();
    await app.inject({ method: 'POST', url: '/', payload: event });
    await drained();
    const sent = await starts();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.trigger).toMatchObject({
      type: 'jenkins',
      buildNumber: 12,
      link: 'http://ci/job/team/job/svc/12/',
      buildInfo: { number: 12 },
      properties: { version: '2.0.1' },
    });
  });

  it('POST /: a manual event for a pipeline saved after the cache load starts it with gate’s executionId', async () => {
    pipelines.push({ id: 'p-new', application: 'app', name: 'fresh', stages: [] });
    const event = {
      details: { type: 'manual' },
      content: {
        application: 'app',
        pipelineNameOrId: 'fresh',
        user: 'alice',
        trigger: { type: 'manual', user: 'alice', executionId: '01HXEXEC', eventId: 'm-1' },
      },
      eventId: 'm-1',
    };
    await app.inject({
      method: 'POST',
      url: '/',
      payload: { ...event, details: { ...event.details, source: 'gate' } },
    });
    await drained();
    const sent = await starts();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      pipeline: { id: 'p-new', executionId: '01HXEXEC' },
      trigger: { type: 'manual', user: 'alice' },
      user: 'alice',
    });
  });

  it('refuses a malformed event with the field path, never 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/',
      payload: { details: { type: 5 }, content: {} },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['details.type', 'details.source']),
    );
    const notJson = await app.inject({
      method: 'POST',
      url: '/webhooks/webhook/x',
      payload: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('POST /pipelineCache/refresh re-reads Front50 at once', async () => {
    pipelines.push({ id: 'p-x', application: 'app', name: 'x', stages: [] });
    expect((await app.inject({ method: 'POST', url: '/pipelineCache/refresh' })).json().pipelines).toBe(5);
    expect(parts.cache.pipelines().map((p) => p.id)).toContain('p-x');
  });

  it('re-reads the pipeline cache when orca reports a finished savePipeline task', async () => {
    pipelines.push({ id: 'p-saved', application: 'app', name: 'saved', stages: [] });
    const saved = {
      details: { type: 'orca:orchestration:complete', source: 'orca', application: 'app' },
      content: {
        executionId: 'o-1',
        execution: {
          id: 'o-1',
          type: 'orchestration',
          status: 'SUCCEEDED',
          stages: [{ type: 'savePipeline', status: 'SUCCEEDED' }],
        },
      },
      eventId: 'save-1',
    };
    const unrelated = {
      ...saved,
      content: { ...saved.content, execution: { ...saved.content.execution, stages: [{ type: 'wait' }] } },
      eventId: 'other-1',
    };
    await app.inject({ method: 'POST', url: '/', payload: unrelated });
    await drained();
    await new Promise((r) => setTimeout(r, 100));
    expect(parts.cache.pipelines().map((p) => p.id)).not.toContain('p-saved');
    await app.inject({ method: 'POST', url: '/', payload: saved });
    await drained();
    for (let i = 0; i < 50 && !parts.cache.pipelines().some((p) => p.id === 'p-saved'); i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(parts.cache.pipelines().map((p) => p.id)).toContain('p-saved');
  });

  it('validates cron expressions like Spinnaker', async () => {
    const ok = await app.inject('/validateCronExpression?cronExpression=0%200%2012%20%3F%20*%20MON-FRI');
    expect(ok.json()).toMatchObject({ response: 'Cron expression is valid' });
    expect(
      (await app.inject('/validateCronExpression?cronExpression=0%200%2012%20*%20*%20*')).statusCode,
    ).toBe(400);
  });
});

describe('cron across replicas', () => {
  const scheduler = (now: { t: number }, misfireWindowMs = 3_600_000) =>
    new CronScheduler({
      source: parts.cache,
      redis: connection,
      accept: (e) => parts.intake.accept(e),
      timeZone: 'UTC',
      checkIntervalMs: 1000,
      misfireWindowMs,
      logger,
      now: () => now.t,
    });

  it('fires each tick exactly once with two schedulers checking together', async () => {
    const clock = { t: Date.parse('2030-01-01T09:59:58Z') };
    const [a, b] = [scheduler(clock), scheduler(clock)];
    await Promise.all([a.check(), b.check()]);
    let fired = 0;
    for (const t of [
      '2030-01-01T10:00:00.300Z',
      '2030-01-01T10:00:01Z',
      '2030-01-01T10:30:00Z',
      '2030-01-01T11:00:00.100Z',
    ]) {
      clock.t = Date.parse(t);
      fired += (await Promise.all([a.check(), b.check()])).reduce((x, y) => x + y, 0);
    }
    expect(fired).toBe(2);
    await drained();
    const sent = await starts();
    expect(sent.map((s) => s.trigger)).toEqual([
      expect.objectContaining({ type: 'cron', id: 'c-1', cronExpression: '0 0 * * * ?' }),
      expect.objectContaining({ type: 'cron', id: 'c-1' }),
    ]);
  });

  it('after downtime fires only the latest missed tick, once', async () => {
    const clock = { t: Date.parse('2030-01-01T00:30:00Z') };
    await scheduler(clock).check();
    clock.t = Date.parse('2030-01-01T05:10:00Z');
    const restarted = [scheduler(clock), scheduler(clock)];
    const fired = (await Promise.all(restarted.map((s) => s.check()))).reduce((x, y) => x + y, 0);
    expect(fired).toBe(1);
    await drained();
    expect((await starts()).map((s) => s.trigger.eventId)).toHaveLength(1);
    const tooLate = { t: Date.parse('2030-01-02T05:10:00Z') };
    expect(await scheduler(tooLate, 0).check()).toBe(0);
  });
});
