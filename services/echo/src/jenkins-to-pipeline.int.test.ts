import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueName, type PipelineStartRequest } from '@genoa/shared';
import { createQueue, createRedis } from '@genoa/shared/node';
import {
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

// Black-box: igor and echo run as their real processes (main.ts), as in the suite.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
let redisServer: RedisHandle;
let redis: Redis;
let jenkins: JenkinsDouble;
let front50: FastifyInstance;
let igor: ManagedProcess;
let echo: ManagedProcess;
let igorEnv: Record<string, string>;
let igorPort: number;

const start = async (service: string, env: Record<string, string>, port: number) => {
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/health`, proc);
  return proc;
};

const starts = async (): Promise<PipelineStartRequest[]> => {
  const queue = createQueue<PipelineStartRequest>(QueueName.orcaPipelineRequests, redis);
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
  await queue.close();
  return jobs.map((j) => j.data);
};
const until = async <T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'e2e' });
  jenkins = await startJenkinsDouble({ username: 'spinnaker', apiToken: 'tok', csrf: true });
  jenkins.addJob('team/svc');
  front50 = fastify();
  front50.get('/pipelines', async () => [
    {
      id: 'p-after-build',
      application: 'shop',
      name: 'deploy after build',
      stages: [{ type: 'wait', refId: '1', waitTime: 1 }],
      triggers: [
        {
          type: 'jenkins',
          enabled: true,
          master: 'ci',
          job: 'team/job/svc',
          propertyFile: 'build.properties',
          payloadConstraints: { branch: '^main$' },
        },
      ],
    },
  ]);
  const front50Port = await freePort();
  await front50.listen({ port: front50Port, host: '127.0.0.1' });
  [igorPort] = [await freePort()];
  const echoPort = await freePort();
  igorEnv = {
    REDIS_URL: redisServer.url,
    IGOR_JENKINS_MASTERS: JSON.stringify([
      { name: 'ci', address: jenkins.url, username: 'spinnaker', apiToken: 'tok', csrf: true },
    ]),
    IGOR_POLL_INTERVAL_SECONDS: '1',
  };
  [igor, echo] = await Promise.all([
    start('igor', igorEnv, igorPort),
    start(
      'echo',
      {
        REDIS_URL: redisServer.url,
        FRONT50_URL: `http://127.0.0.1:${front50Port}`,
        IGOR_URL: `http://127.0.0.1:${igorPort}`,
        ECHO_CRON_ENABLED: 'false',
      },
      echoPort,
    ),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([igor?.stop(), echo?.stop()]);
  await front50.close();
  await jenkins.stop();
  redis.disconnect();
  await redisServer.stop();
});

describe('Jenkins build → igor → echo → start request (real processes)', () => {
  it('a SUCCESS build with a matching property file starts the pipeline once, also across an igor crash', async () => {
    // Let igor baseline the job, then build twice: one main (matches), one feature (constraint refuses).
    await until(
      () => redis.hgetall('{igor}:cursors:ci'),
      (c) => 'team/job/svc' in c,
    );
    const main = jenkins.startBuild('team/svc');
    jenkins.addArtifact('team/svc', main, 'build.properties', 'branch=main\nversion=3.1.0\n');
    jenkins.completeBuild('team/svc', main, 'SUCCESS');
    const feature = jenkins.startBuild('team/svc');
    jenkins.addArtifact('team/svc', feature, 'build.properties', 'branch=feature/x\n');
    jenkins.completeBuild('team/svc', feature, 'SUCCESS');
    const sent = await until(starts, (s) => s.length >= 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      pipeline: { id: 'p-after-build' },
      trigger: {
        type: 'jenkins',
        master: 'ci',
        job: 'team/job/svc',
        buildNumber: main,
        properties: { branch: 'main', version: '3.1.0' },
        buildInfo: { number: main, result: 'SUCCESS' },
      },
    });
    // Kill igor hard and start it again with the same Redis: nothing is announced twice.
    await igor.stop(0);
    igor = await start('igor', igorEnv, igorPort);
    const again = jenkins.startBuild('team/svc');
    jenkins.addArtifact('team/svc', again, 'build.properties', 'branch=main\n');
    jenkins.completeBuild('team/svc', again, 'SUCCESS');
    const after = await until(starts, (s) => s.length >= 2);
    await new Promise((r) => setTimeout(r, 2500)); // two more poll cycles
    expect((await starts()).map((s) => s.trigger.buildNumber).sort()).toEqual([main, again].sort());
    expect(after).toHaveLength(2);
  });
});
