import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueueName, type EchoEvent } from '@genoa/shared';
import { createLogger, createQueue, createRedis } from '@genoa/shared/node';
import {
  fixtureFiles,
  startJenkinsDouble,
  startRedis,
  type JenkinsDouble,
  type RedisHandle,
} from '@genoa/testing';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { QueueEventPublisher, type EventPublisher } from './adapters/echo-publisher.js';
import { buildApp } from './app.js';
import { loadIgorConfig } from './config.js';
import { buildEventId } from './domain/event-id.js';
import { wireIgor, type IgorParts } from './wiring.js';

const logger = createLogger({ service: 'igor', level: 'silent' });
let redisServer: RedisHandle;
let redis: Redis;
let jenkins: JenkinsDouble;
const apps: FastifyInstance[] = [];
const publishers: QueueEventPublisher[] = [];

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'igor-test' });
});
afterAll(async () => {
  redis.disconnect();
  await redisServer.stop();
});
beforeEach(async () => {
  await redis.flushall();
  jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok-1', csrf: true });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
  await Promise.all(publishers.splice(0).map((p) => p.close()));
  await jenkins.stop();
});

/** One igor instance in-process (its own Redis connection), optionally with a wrapped publisher. */
function igor(
  wrap?: (p: EventPublisher) => EventPublisher,
  env: Record<string, string> = {},
): { app: FastifyInstance; parts: IgorParts } {
  const config = loadIgorConfig({
    IGOR_JENKINS_MASTERS: JSON.stringify([
      { name: 'jenkins1', address: jenkins.url, username: 'spinnaker', apiToken: 'tok-1', csrf: true },
    ]),
    IGOR_POLL_INTERVAL_SECONDS: '1',
    IGOR_POLL_CONCURRENCY: '4',
    ...env,
  });
  const connection = createRedis(redisServer.url, { name: 'igor' });
  const publisher = new QueueEventPublisher(connection);
  publishers.push(publisher);
  const parts = wireIgor(config, connection, wrap ? wrap(publisher) : publisher, logger);
  const app = buildApp({ config, logger, version: '0', ...parts });
  app.addHook('onClose', async () => connection.disconnect());
  apps.push(app);
  return { app, parts };
}

async function events(): Promise<EchoEvent[]> {
  const queue = createQueue<EchoEvent>(QueueName.echoEvents, redis);
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  await queue.close();
  return jobs.map((j) => j.data);
}

describe('igor endpoints against the Jenkins double', () => {
  it('lists masters, jobs (folders flattened), job config, builds, status, properties and queue items', async () => {
    jenkins.addJob('app', {
      parameters: [
        { name: 'env', defaultValue: 'dev', choices: ['dev', 'prod'], type: 'ChoiceParameterDefinition' },
      ],
    });
    jenkins.addJob('team/svc');
    const n = jenkins.startBuild('team/svc');
    jenkins.addArtifact('team/svc', n, 'out/build.properties', 'version=1.2.3\nimage: repo/app\n');
    jenkins.completeBuild('team/svc', n, 'SUCCESS');
    const { app } = igor();
    expect((await app.inject('/masters')).json()).toEqual(['jenkins1']);
    expect((await app.inject('/jobs/jenkins1')).json()).toEqual(['app', 'team/job/svc']);
    expect((await app.inject('/jobs/nope')).statusCode).toBe(404);
    const config = (await app.inject('/jobs/jenkins1/app')).json();
    expect(config).toMatchObject({
      name: 'app',
      buildable: true,
      parameterDefinitionList: [{ name: 'env', defaultValue: 'dev', choices: ['dev', 'prod'] }],
    });
    const status = (await app.inject(`/builds/status/${n}/jenkins1/team/job/svc`)).json();
    expect(status).toMatchObject({
      building: false,
      result: 'SUCCESS',
      number: n,
      name: 'team/job/svc',
      timestamp: expect.stringMatching(/^\d+$/),
    });
    expect((await app.inject(`/builds/status/${n}/jenkins1?job=team/job/svc`)).json()).toMatchObject({
      number: n,
    });
    expect((await app.inject('/builds/all/jenkins1/team/job/svc')).json()).toHaveLength(1);
    const props = (await app.inject(`/builds/properties/${n}/build.properties/jenkins1/team/job/svc`)).json();
    expect(props).toEqual({ version: '1.2.3', image: 'repo/app' });
    expect((await app.inject(`/builds/status/x/jenkins1/app`)).statusCode).toBe(400);
  });

  it('triggers a build (crumb + token), returns the queue item, and dedupes a retried request of one execution', async () => {
    jenkins.addJob('deploy', {
      parameters: [
        { name: 'env', defaultValue: 'dev', choices: ['dev', 'prod'], type: 'ChoiceParameterDefinition' },
      ],
    });
    const { app } = igor();
    const headers = { 'x-spinnaker-execution-id': 'exec-1' };
    const first = await app.inject({ method: 'PUT', url: '/masters/jenkins1/jobs/deploy?env=prod', headers });
    expect(first.statusCode).toBe(200);
    const item = Number(first.body);
    expect(item).toBeGreaterThan(0);
    const again = await app.inject({ method: 'PUT', url: '/masters/jenkins1/jobs/deploy?env=prod', headers });
    expect(again.body).toBe(first.body);
    expect(jenkins.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const queued = (await app.inject(`/builds/queue/jenkins1/${item}`)).json();
    expect(queued).toEqual({ executable: expect.objectContaining({ number: 1 }), number: 1 });
    expect(jenkins.build('deploy', 1)).toMatchObject({
      actions: [{ parameters: [{ name: 'env', value: 'prod' }] }, expect.anything()],
    });
    const bad = await app.inject({ method: 'PUT', url: '/masters/jenkins1/jobs/deploy?env=qa' });
    expect(bad.statusCode).toBe(400);
    // orca's backlink and cancel: description, then stop the running build.
    const described = await app.inject({
      method: 'PATCH',
      url: '/masters/jenkins1/jobs/deploy/update/1',
      payload: { description: 'Spinnaker execution 01X' },
    });
    expect(described.statusCode).toBe(200);
    expect(jenkins.build('deploy', 1).description).toBe('Spinnaker execution 01X');
    const stopped = await app.inject({ method: 'PUT', url: `/masters/jenkins1/jobs/deploy/stop/${item}/1` });
    expect(stopped.body).toBe('true');
    expect(jenkins.build('deploy', 1)).toMatchObject({ building: false, result: 'ABORTED' });
    const noDescription = await app.inject({
      method: 'PATCH',
      url: '/masters/jenkins1/jobs/deploy/update/1',
      payload: {},
    });
    expect(noDescription.statusCode).toBe(400);
  });
});

describe('build requests igor may have sent before it died', () => {
  it('a request cut short while sending is refused, never repeated; one still in flight answers 202', async () => {
    jenkins.addJob('deploy', { parameters: [{ name: 'env', defaultValue: 'dev' }] });
    const { app } = igor();
    const headers = { 'x-spinnaker-execution-id': 'exec-sent', 'content-type': 'application/json' };
    const put = () =>
      app.inject({
        method: 'PUT',
        url: '/masters/jenkins1/jobs/deploy?env=prod',
        headers,
        payload: '"1700"',
      });
    expect((await put()).statusCode).toBe(200);
    // What a crash between "sending to Jenkins" and "Jenkins answered" leaves behind:
    const [key] = await redis.keys('{igor}:pending:*');
    expect(key).toMatch(/^\{igor\}:pending:/);
    await redis.set(key!, `SENDING:${Date.now()}`);
    expect((await put()).statusCode).toBe(202);
    await redis.set(key!, `SENDING:${Date.now() - 60_000}`);
    const refused = await put();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('it may or may not be queued');
    expect(
      jenkins.requests.filter((r) => r.method === 'POST' && r.url.includes('buildWithParameters')),
    ).toHaveLength(1);
    // Another start time is another request (a restarted stage): it is sent.
    const restarted = await app.inject({
      method: 'PUT',
      url: '/masters/jenkins1/jobs/deploy?env=prod',
      headers,
      payload: '"1800"',
    });
    expect(restarted.statusCode).toBe(200);
    expect(Number(restarted.body)).toBeGreaterThan(0);
  });
});

describe('build monitor: one event per completed build', () => {
  it('baselines on first poll, waits while building, announces once on completion', async () => {
    jenkins.addJob('app');
    jenkins.completeBuild('app', jenkins.startBuild('app'), 'SUCCESS');
    const { parts } = igor();
    await parts.poller.pollAll();
    expect(await events()).toEqual([]);
    const n = jenkins.startBuild('app');
    await parts.poller.pollAll();
    expect(await events()).toEqual([]);
    jenkins.addArtifact('app', n, 'build.properties', 'a=b');
    jenkins.completeBuild('app', n, 'SUCCESS');
    await parts.poller.pollAll();
    await parts.poller.pollAll();
    const sent = await events();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      details: { type: 'build', source: 'igor' },
      eventId: buildEventId('jenkins1', 'app', n),
      content: {
        master: 'jenkins1',
        project: {
          name: 'app',
          lastBuild: {
            number: n,
            building: false,
            result: 'SUCCESS',
            artifacts: [{ fileName: 'build.properties' }],
          },
        },
      },
    });
  });

  it('push (Notification plugin payload) and polling announce a build once between them', async () => {
    jenkins.addJob('support');
    const { app, parts } = igor();
    await parts.poller.pollAll();
    const n = jenkins.startBuild('support');
    jenkins.completeBuild('support', n, 'SUCCESS');
    const payload = structuredClone(
      fixtureFiles('jenkins').find((f) => f.name === 'idobata__notification-finalized.json')!.json,
    ) as {
      build: { number: number };
    };
    payload.build.number = n;
    const started = { ...payload, build: { ...payload.build, phase: 'STARTED' } };
    expect(
      (await app.inject({ method: 'POST', url: '/jenkins/notifications/jenkins1', payload: started })).json(),
    ).toMatchObject({ announced: false });
    const pushed = await app.inject({ method: 'POST', url: '/jenkins/notifications/jenkins1', payload });
    expect(pushed.json()).toEqual({ eventId: buildEventId('jenkins1', 'support', n), announced: true });
    expect(
      (await app.inject({ method: 'POST', url: '/jenkins/notifications/jenkins1', payload })).json(),
    ).toMatchObject({ announced: false });
    await parts.poller.pollAll();
    expect(await events()).toHaveLength(1);
    const bad = await app.inject({
      method: 'POST',
      url: '/jenkins/notifications/jenkins1',
      payload: { name: 'x', build: { phase: 'COMPLETED' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('build.number');
  });

  it('an igor that dies after sending but before committing does not cause a second event', async () => {
    jenkins.addJob('app');
    const first = igor((p) => ({
      publish: async (e) => {
        await p.publish(e);
        throw new Error('killed after publish');
      },
    }));
    await first.parts.poller.pollAll();
    const n = jenkins.startBuild('app');
    jenkins.completeBuild('app', n, 'SUCCESS');
    const outcome = await first.parts.poller.pollAll();
    expect(outcome[0]!.status).toBe('failed');
    const second = igor();
    const after = await second.parts.poller.pollAll();
    expect(after[0]!.status).toBe('committed');
    await second.parts.poller.pollAll();
    expect((await events()).map((e) => e.eventId)).toEqual([buildEventId('jenkins1', 'app', n)]);
  });

  it('two igor instances polling together send each build once and never hold one master at once', async () => {
    for (let j = 0; j < 6; j += 1) jenkins.addJob(`job-${j}`);
    const a = igor();
    const b = igor();
    await Promise.all([a.parts.poller.pollAll(), b.parts.poller.pollAll()]);
    for (let j = 0; j < 6; j += 1)
      jenkins.completeBuild(`job-${j}`, jenkins.startBuild(`job-${j}`), j % 2 ? 'FAILURE' : 'SUCCESS');
    const statuses: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      // Leases last the interval: release them so both replicas compete each round.
      await redis.del('{igor}:lock:jenkinsBuildMonitor.jenkins1');
      const outcomes = await Promise.all([a.parts.poller.pollAll(), b.parts.poller.pollAll()]);
      statuses.push(
        outcomes
          .flat()
          .map((o) => o.status)
          .sort()
          .join(','),
      );
    }
    expect(statuses).toEqual(['committed,locked', 'committed,locked', 'committed,locked']);
    const sent = await events();
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map((e) => e.eventId)).size).toBe(6);
  });
  it('POST /admin/pollers/poll runs one full cycle now and counts every event it sent', async () => {
    const jobs = Array.from({ length: 24 }, (_, j) => `job-${j}`);
    for (const j of jobs) jenkins.addJob(j);
    // Several jobs announced concurrently: the count must not lose updates.
    const { app } = igor(undefined, { IGOR_POLL_CONCURRENCY: '8' });
    const poll = () => app.inject({ method: 'POST', url: '/admin/pollers/poll/jenkinsBuildMonitor' });
    expect((await poll()).json()).toEqual([expect.objectContaining({ status: 'committed', eventsSent: 0 })]);
    for (const j of jobs) jenkins.completeBuild(j, jenkins.startBuild(j), 'SUCCESS');
    expect((await poll()).json()).toEqual([
      expect.objectContaining({ partition: 'jenkins1', status: 'committed', eventsSent: 24 }),
    ]);
    expect(await events()).toHaveLength(24);
    expect((await poll()).json()).toEqual([expect.objectContaining({ eventsSent: 0 })]);
    expect((await app.inject({ method: 'POST', url: '/admin/pollers/poll/nope' })).statusCode).toBe(404);
  });
  it('refuses to commit a flood over the threshold until an operator fast-forwards', async () => {
    for (const j of ['a', 'b', 'c']) jenkins.addJob(j);
    const { app, parts } = igor(undefined, { IGOR_ITEM_UPPER_THRESHOLD: '2' });
    await parts.poller.pollAll();
    for (const j of ['a', 'b', 'c']) jenkins.completeBuild(j, jenkins.startBuild(j), 'SUCCESS');
    expect((await parts.poller.pollAll())[0]!.status).toBe('overThreshold');
    expect(await events()).toEqual([]);
    const ff = await app.inject({
      method: 'POST',
      url: '/admin/pollers/fastforward/jenkinsBuildMonitor?partition=jenkins1',
    });
    expect(ff.json()).toEqual([
      expect.objectContaining({ partition: 'jenkins1', status: 'committed', eventsSent: 0 }),
    ]);
    await parts.poller.pollAll();
    expect(await events()).toEqual([]);
    jenkins.completeBuild('a', jenkins.startBuild('a'), 'SUCCESS');
    await parts.poller.pollAll();
    expect((await events()).map((e) => (e.content as { project: { name: string } }).project.name)).toEqual([
      'a',
    ]);
    expect((await app.inject({ method: 'POST', url: '/admin/pollers/fastforward/nope' })).statusCode).toBe(
      404,
    );
  });
});
