import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineExecution } from '@genoa/shared';
import { createRedis } from '@genoa/shared/node';
import {
  fixtureFiles,
  freePort,
  spawnManaged,
  startJenkinsDouble,
  startRedis,
  waitForHealthy,
  type JenkinsDouble,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import type { Redis } from 'ioredis';

// Black-box, every service a real process: Jenkins (the test double) ← two igor replicas → echo →
// orca. Each completed SUCCESS build must give exactly one pipeline execution: through polling,
// through push (Notification plugin) racing the pollers, and while the igor replicas are killed
// with SIGKILL at random points of their poll cycles and started again.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
const JOBS = ['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5'];
let redisServer: RedisHandle;
let redis: Redis;
let jenkins: JenkinsDouble;
let front50: FastifyInstance;
let orcaUrl: string;
const igors: { proc: ManagedProcess; port: number }[] = [];
const others: ManagedProcess[] = [];
let igorEnv: Record<string, string>;

const spawn = (service: string, env: Record<string, string>, port: number) =>
  spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
  });
const startIgor = async (port: number) => {
  const proc = spawn('igor', igorEnv, port);
  await waitForHealthy(`http://127.0.0.1:${port}/health`, proc);
  return proc;
};

const pipelines = JOBS.map((job) => ({
  id: `p-${job}`,
  application: 'shop',
  name: `deploy ${job}`,
  stages: [{ type: 'wait', refId: '1', waitTime: 0 }],
  triggers: [{ type: 'jenkins', enabled: true, master: 'ci', job }],
}));

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'e2e' });
  jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok', csrf: true });
  for (const job of JOBS) jenkins.addJob(job);
  front50 = fastify();
  front50.get('/pipelines', async () => pipelines);
  front50.get('/pipelines/:id/get', async (req) =>
    pipelines.find((p) => p.id === (req.params as { id: string }).id),
  );
  const front50Port = await freePort();
  await front50.listen({ port: front50Port, host: '127.0.0.1' });
  const front50Url = `http://127.0.0.1:${front50Port}`;
  igorEnv = {
    REDIS_URL: redisServer.url,
    IGOR_POLL_INTERVAL_SECONDS: '1',
    IGOR_JENKINS_MASTERS: JSON.stringify([
      { name: 'ci', address: jenkins.url, username: 'spinnaker', apiToken: 'tok', csrf: true },
    ]),
  };
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    igors.push({ port, proc: await startIgor(port) });
  }
  const [echoPort, orcaPort] = [await freePort(), await freePort()];
  orcaUrl = `http://127.0.0.1:${orcaPort}`;
  const echo = spawn(
    'echo',
    {
      REDIS_URL: redisServer.url,
      FRONT50_URL: front50Url,
      IGOR_URL: `http://127.0.0.1:${igors[0]!.port}`,
      ECHO_CRON_ENABLED: 'false',
    },
    echoPort,
  );
  const orca = spawn('orca', { REDIS_URL: redisServer.url, FRONT50_URL: front50Url }, orcaPort);
  others.push(echo, orca);
  await Promise.all([
    waitForHealthy(`http://127.0.0.1:${echoPort}/health`, echo),
    waitForHealthy(`${orcaUrl}/health`, orca),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([...igors.map((i) => i.proc.stop()), ...others.map((p) => p.stop())]);
  await front50?.close();
  await jenkins?.stop();
  redis?.disconnect();
  await redisServer?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 45_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}
/** "<job>#<build number>" of every execution orca has for the Jenkins-triggered pipelines. */
const executions = async (): Promise<string[]> => {
  const ids = pipelines.map((p) => p.id).join(',');
  const list = (await (
    await fetch(`${orcaUrl}/pipelines?pipelineConfigIds=${ids}&limit=100`)
  ).json()) as PipelineExecution[];
  return list.map((e) => `${String(e.trigger?.job)}#${String(e.trigger?.buildNumber)}`).sort();
};
const build = (job: string) => {
  const n = jenkins.startBuild(job);
  jenkins.completeBuild(job, n, 'SUCCESS');
  return `${job}#${n}`;
};

describe('a Jenkins build → exactly one execution (igor ×2, echo, orca as processes)', () => {
  it('through polling, through push, and across igor replicas killed mid-cycle', async () => {
    await until(
      () => redis.hgetall('{igor}:cursors:ci'),
      (c) => JOBS.every((j) => j in c),
      'the baseline of every job',
    );
    const expected: string[] = [];

    // Polling.
    expected.push(build('svc-0'));
    await until(executions, (e) => e.length === 1, 'the polled build');

    // Push, racing both pollers.
    const n = jenkins.startBuild('svc-1');
    jenkins.completeBuild('svc-1', n, 'SUCCESS');
    expected.push(`svc-1#${n}`);
    const payload = structuredClone(
      fixtureFiles('jenkins').find((f) => f.name === 'idobata__notification-finalized.json')!.json,
    ) as { name: string; url: string; build: Record<string, unknown> };
    Object.assign(payload, { name: 'svc-1', url: 'job/svc-1/' });
    Object.assign(payload.build, {
      number: n,
      url: `job/svc-1/${n}/`,
      full_url: `${jenkins.url}/job/svc-1/${n}/`,
    });
    const pushed = await fetch(`http://127.0.0.1:${igors[1]!.port}/jenkins/notifications/ci`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(pushed.status).toBe(202);
    await until(executions, (e) => e.length === 2, 'the pushed build');

    // Builds complete while the replicas are killed at random points and started again.
    for (let round = 0; round < 3; round += 1) {
      for (const job of JOBS.slice(2)) expected.push(build(job));
      await sleep(Math.floor(Math.random() * 1200));
      const victim = igors[round % 2]!;
      victim.proc.child.kill('SIGKILL');
      await victim.proc.exited;
      victim.proc = await startIgor(victim.port);
    }
    await until(executions, (e) => e.length >= expected.length, 'an execution per build');
    await sleep(3_000); // a few more poll cycles of both replicas: nothing more may start
    expect(await executions()).toEqual(expected.sort());
  });
});
