import type { PipelineExecution } from '@genoa/shared';
import { isComplete } from '@genoa/shared';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFront50StandIn, type Front50StandIn } from './__tests__/front50-stand-in.js';
import { eventually, startOrca, type OrcaUnderTest } from './__tests__/orca-under-test.js';
import { startWebhookReceiver } from './__tests__/webhook-receiver.js';
import { startOrcaProcess, type OrcaProcess } from './__tests__/worker-process.js';

const EXECUTIONS = 50;
const KILLS = 12;
const WORKERS = 3;
const chaosEnv = {
  ORCA_EXECUTION_LOCK_TTL_MS: '3000',
  ORCA_QUEUE_LOCK_DURATION_MS: '3000',
  ORCA_QUEUE_STALLED_INTERVAL_MS: '1000',
  ORCA_RECONCILER_IDLE_MS: '3000',
  ORCA_WORKER_CONCURRENCY: '10',
};

let redis: RedisHandle;
let front50: Front50StandIn;
let api: OrcaUnderTest;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const workers: OrcaProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  front50 = await startFront50StandIn();
  receiver = await startWebhookReceiver();
  api = await startOrca(redis.url, front50.url, { ORCA_WORKER_ENABLED: 'false' });
  for (let i = 0; i < WORKERS; i += 1) workers.push(await startOrcaProcess(redis.url, front50.url, chaosEnv));
}, 90_000);
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await api.close();
  await receiver.close();
  await front50.close();
  await redis.stop();
});

/** A pipeline of waits, two webhook stages (each call counted by key) and a join. */
function pipeline(n: number) {
  const hook = (refId: string, req: string[], key: string) => ({
    refId,
    requisiteStageRefIds: req,
    type: 'webhook',
    name: `hook ${refId}`,
    method: 'POST',
    url: `${receiver.url}/hook?stage=${key}`,
    payload: { n },
  });
  return {
    application: 'chaos',
    name: `chaos-${n}`,
    id: `chaos-cfg-${n}`,
    stages: [
      { refId: '1', type: 'wait', waitTime: 0 },
      hook('2', ['1'], `${n}-a`),
      { refId: '3', requisiteStageRefIds: ['1'], type: 'wait', waitTime: 2 },
      {
        refId: '4',
        requisiteStageRefIds: ['2', '3'],
        type: 'evaluateVariables',
        variables: [{ key: 'x', value: '${#stage("hook 2").status}' }],
      },
      hook('5', ['4'], `${n}-b`),
      { refId: '6', requisiteStageRefIds: ['5'], type: 'wait', waitTime: 0 },
    ],
  };
}

describe('chaos: workers killed with SIGKILL while 50 executions run', () => {
  it('every execution ends, none is stuck, no webhook is called twice', async () => {
    const started = Date.now();
    const ids: string[] = [];
    for (let n = 0; n < EXECUTIONS; n += 1) {
      const res = await api.app.inject({ method: 'POST', url: '/orchestrate', payload: pipeline(n) });
      ids.push(res.json<{ ref: string }>().ref.split('/')[2]!);
    }
    let kills = 0;
    const restarts: Promise<void>[] = [];
    const up = workers.map(() => true);
    while (kills < KILLS) {
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 500));
      const candidates = up.map((u, i) => (u ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) continue;
      const i = candidates[Math.floor(Math.random() * candidates.length)]!;
      workers[i]!.kill();
      kills += 1;
      up[i] = false;
      restarts.push(
        startOrcaProcess(redis.url, front50.url, chaosEnv).then((w) => {
          workers[i] = w;
          up[i] = true;
        }),
      );
    }
    const killPhaseMs = Date.now() - started;
    await Promise.all(restarts);
    const finals = await eventually(
      async () => {
        const all = await api.runtime.repository.getMany(ids);
        return all.length === EXECUTIONS && all.every((e) => isComplete(e.status)) ? all : undefined;
      },
      120_000,
      'every chaos execution to complete',
    );
    const byStatus: Record<string, number> = {};
    for (const e of finals) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    const calls = [...receiver.calls.values()];
    const duplicated = calls.filter((c) => c > 1).length;
    const interrupted = finals.filter((e: PipelineExecution) =>
      JSON.stringify(e).includes('was interrupted after it may have acted'),
    ).length;
    const figures = {
      executions: EXECUTIONS,
      workers: WORKERS,
      kills,
      killPhaseMs,
      totalMs: Date.now() - started,
      byStatus,
      webhookCalls: calls.reduce((a, b) => a + b, 0),
      webhookKeys: calls.length,
      duplicatedSideEffects: duplicated,
      interruptedAttemptsFailedSafely: interrupted,
    };
    process.stdout.write(`\nCHAOS FIGURES ${JSON.stringify(figures)}\n`);
    expect(kills).toBeGreaterThanOrEqual(10);
    expect(duplicated).toBe(0);
    expect(finals.every((e) => e.stages.every((s) => s.status !== 'RUNNING'))).toBe(true);
    expect((byStatus.SUCCEEDED ?? 0) + interrupted).toBeGreaterThanOrEqual(EXECUTIONS - interrupted);
    expect(byStatus.SUCCEEDED ?? 0).toBeGreaterThan(EXECUTIONS / 2);
  }, 240_000);
});
