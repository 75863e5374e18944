import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueName, type PipelineExecution } from '@genoa/shared';
import { createQueue, createRedis } from '@genoa/shared/node';
import {
  freePort,
  spawnManaged,
  startRedis,
  waitForHealthy,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import type { Redis } from 'ioredis';

// Black-box: echo and orca run as their real processes; front50 is a small stub serving one pipeline.
// Given a webhook-triggered pipeline with a required parameter, when a webhook arrives without it,
// then orca records a failed execution carrying the message (Spinnaker's `/fail` path), never runs it.
const repo = fileURLToPath(new URL('../../..', import.meta.url));
let redisServer: RedisHandle;
let redis: Redis;
let front50: FastifyInstance;
let echo: ManagedProcess;
let orca: ManagedProcess;
let echoUrl: string;
let orcaUrl: string;

const start = async (service: string, env: Record<string, string>, port: number) => {
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/health`, proc);
  return proc;
};

const pipeline = {
  id: 'p-needs-env',
  application: 'shop',
  name: 'deploy with env',
  parameterConfig: [{ name: 'env', required: true }],
  stages: [{ type: 'wait', refId: '1', name: 'Wait', waitTime: 0 }],
  triggers: [{ type: 'webhook', enabled: true, source: 'deploy-hook' }],
};

beforeAll(async () => {
  redisServer = await startRedis({ ignoreEnv: true });
  redis = createRedis(redisServer.url, { name: 'e2e' });
  front50 = fastify();
  front50.get('/pipelines', async () => [pipeline]);
  front50.get('/pipelines/:id/get', async () => pipeline);
  const front50Port = await freePort();
  await front50.listen({ port: front50Port, host: '127.0.0.1' });
  const [echoPort, orcaPort] = [await freePort(), await freePort()];
  echoUrl = `http://127.0.0.1:${echoPort}`;
  orcaUrl = `http://127.0.0.1:${orcaPort}`;
  const env = { REDIS_URL: redisServer.url, FRONT50_URL: `http://127.0.0.1:${front50Port}` };
  [echo, orca] = await Promise.all([
    start('echo', { ...env, ORCA_URL: orcaUrl, ECHO_CRON_ENABLED: 'false' }, echoPort),
    start('orca', env, orcaPort),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([echo?.stop(), orca?.stop()]);
  await front50?.close();
  redis?.disconnect();
  await redisServer?.stop();
});

const executions = async (): Promise<PipelineExecution[]> =>
  (await fetch(`${orcaUrl}/pipelines?pipelineConfigIds=${pipeline.id}&limit=10`)).json() as Promise<
    PipelineExecution[]
  >;

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const webhook = (body: unknown) =>
  fetch(`${echoUrl}/webhooks/webhook/deploy-hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('a trigger without a required parameter (echo → orca, real processes)', () => {
  it('webhook and manual: orca records a TERMINAL execution with the message; the request completes; a complete one runs', async () => {
    expect((await webhook({ parameters: {} })).status).toBe(200);
    const [failed] = await until(executions, (e) => e.length === 1, 'the failed execution');
    const detail = (await (await fetch(`${orcaUrl}/pipelines/${failed!.id}`)).json()) as PipelineExecution;
    expect(detail).toMatchObject({
      status: 'TERMINAL',
      canceled: true,
      canceledBy: 'system',
      cancellationReason: 'Failed on startup: Required parameter env is missing',
      pipelineConfigId: pipeline.id,
      trigger: { type: 'webhook', source: 'deploy-hook' },
    });
    expect(detail.startTime ?? null).toBeNull();
    expect(detail.stages.map((s) => s.status)).toEqual(['NOT_STARTED']);

    // The request was consumed once (not failed, not retried) and echo is still serving.
    const requests = createQueue(QueueName.orcaPipelineRequests, redis);
    const counts = await requests.getJobCounts('completed', 'failed', 'waiting', 'delayed', 'active');
    await requests.close();
    expect(counts).toMatchObject({ completed: 1, failed: 0, waiting: 0, delayed: 0, active: 0 });
    expect((await fetch(`${echoUrl}/health`)).status).toBe(200);

    // Still failed a moment later: nothing started it behind our back.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await executions()).map((e) => e.status)).toEqual(['TERMINAL']);

    // gate's `/pipelines/v2` path: a manual event without the parameter fails the same way.
    const manual = await fetch(`${echoUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        details: { type: 'manual', source: 'gate' },
        content: {
          application: 'shop',
          pipelineNameOrId: 'deploy with env',
          trigger: { type: 'manual', user: 'alice', parameters: {} },
        },
      }),
    });
    expect(manual.status).toBe(200);
    const two = await until(executions, (e) => e.length === 2, 'the failed manual execution');
    expect(two.find((e) => e.trigger?.type === 'manual')).toMatchObject({
      status: 'TERMINAL',
      cancellationReason: 'Failed on startup: Required parameter env is missing',
      trigger: { user: 'alice' },
    });

    expect((await webhook({ parameters: { env: 'prod' } })).status).toBe(200);
    const all = await until(
      executions,
      (e) => e.some((x) => x.status === 'SUCCEEDED'),
      'the complete request to run',
    );
    expect(all.map((e) => e.status).sort()).toEqual(['SUCCEEDED', 'TERMINAL', 'TERMINAL']);
  });
});
