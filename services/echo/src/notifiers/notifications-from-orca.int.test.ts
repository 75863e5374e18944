import { fileURLToPath } from 'node:url';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isComplete, type PipelineExecution } from '@genoa/shared';
import {
  freePort,
  spawnManaged,
  startRedis,
  waitForHealthy,
  waitForPort,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';

// Black-box: orca runs real pipelines and publishes its lifecycle events; echo (its own process)
// turns them into notifications for every `when` value, delivered to local HTTP and SMTP receivers.
// One receiver is down while the pipelines run: they are not held up, and it gets its messages later.
const repo = fileURLToPath(new URL('../../../..', import.meta.url));
let redis: RedisHandle;
let smtp: ManagedProcess;
let receivers: FastifyInstance;
let late: FastifyInstance | undefined;
let latePort: number;
let hookUrl: string;
let orca: ManagedProcess;
let echo: ManagedProcess;
let orcaUrl: string;
const received: { when: string; executionId: string; stageName?: string }[] = [];
const lateReceived: { when: string; executionId: string }[] = [];

const start = async (service: string, env: Record<string, string>) => {
  const port = await freePort();
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/health`, proc);
  return { proc, url: `http://127.0.0.1:${port}` };
};

beforeAll(async () => {
  redis = await startRedis({ ignoreEnv: true });
  const smtpPort = await freePort();
  smtp = spawnManaged(process.execPath, [
    fileURLToPath(new URL('./__fixtures__/smtp-sink.mjs', import.meta.url)),
    String(smtpPort),
  ]);
  await waitForPort(smtpPort);
  receivers = fastify();
  receivers.post('/hook', async (req) => void received.push(req.body as (typeof received)[number]));
  receivers.get('/pipelines', async () => []);
  const port = await freePort();
  await receivers.listen({ port, host: '127.0.0.1' });
  hookUrl = `http://127.0.0.1:${port}/hook`;
  latePort = await freePort();
  const front50 = `http://127.0.0.1:${port}`;
  const [orcaStarted, echoStarted] = await Promise.all([
    start('orca', { REDIS_URL: redis.url, FRONT50_URL: front50 }),
    start('echo', {
      REDIS_URL: redis.url,
      FRONT50_URL: front50,
      ECHO_CRON_ENABLED: 'false',
      ECHO_OUTBOUND_ALLOW: '127.0.0.1',
      ECHO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ECHO_MAIL_FROM: 'spinnaker@genoa.test',
      ECHO_NOTIFICATION_BACKOFF_MS: '200',
      ECHO_NOTIFICATION_ATTEMPTS: '12',
    }),
  ]);
  [orca, orcaUrl, echo] = [orcaStarted.proc, orcaStarted.url, echoStarted.proc];
}, 90_000);

afterAll(async () => {
  await Promise.all([orca?.stop(), echo?.stop(), smtp?.stop()]);
  await Promise.all([receivers?.close(), late?.close()]);
  await redis?.stop();
});

const hook = (when: string[]) => ({ type: 'webhook', address: hookUrl, when });
const down = (when: string[]) => ({ type: 'webhook', address: `http://127.0.0.1:${latePort}/late`, when });
const STAGE_WHENS = ['stage.starting', 'stage.complete', 'stage.failed'];
const JUDGMENT_WHENS = ['manualJudgment', 'manualJudgmentContinue', 'manualJudgmentStop'];
const PIPELINE_WHENS = ['pipeline.starting', 'pipeline.complete', 'pipeline.failed'];

/** A pipeline whose every level notifies the receiver (and the down receiver) for every `when`. */
function pipeline(name: string, stages: Record<string, unknown>[], email = false) {
  return {
    application: 'shop',
    name,
    notifications: [
      hook(PIPELINE_WHENS),
      down(PIPELINE_WHENS),
      ...(email ? [{ type: 'email', address: 'ops@genoa.test', when: ['pipeline.complete'] }] : []),
    ],
    stages: stages.map((s) => ({
      ...s,
      sendNotifications: true,
      notifications: [
        hook(s.type === 'manualJudgment' ? JUDGMENT_WHENS : STAGE_WHENS),
        down(s.type === 'manualJudgment' ? JUDGMENT_WHENS : STAGE_WHENS),
      ],
    })),
  };
}

const orchestrate = async (body: unknown): Promise<string> => {
  const res = await fetch(`${orcaUrl}/orchestrate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { ref: string }).ref.split('/')[2]!;
};
const execution = async (id: string) =>
  (await (await fetch(`${orcaUrl}/pipelines/${id}`)).json()) as PipelineExecution;
async function until<T>(probe: () => Promise<T> | T, ok: (v: T) => boolean, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const judge = async (id: string, judgmentStatus: 'continue' | 'stop') => {
  const e = await until(
    () => execution(id),
    (x) => x.stages.some((s) => s.type === 'manualJudgment' && s.status === 'RUNNING'),
    'the judgment to wait',
  );
  const stage = e.stages.find((s) => s.type === 'manualJudgment')!;
  const res = await fetch(`${orcaUrl}/pipelines/${id}/stages/${stage.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ judgmentStatus }),
  });
  expect(res.status).toBe(200);
};
const whensFor = (list: { when: string; executionId: string }[], id: string) =>
  list
    .filter((r) => r.executionId === id)
    .map((r) => r.when)
    .sort();

describe('notifications for every `when` value, from real orca pipelines', () => {
  it('arrive at the HTTP and SMTP receivers; a receiver that is down delays nothing and is retried', async () => {
    const ok = await orchestrate(
      pipeline(
        'ok',
        [
          { refId: '1', type: 'wait', name: 'Pause', waitTime: 0 },
          { refId: '2', requisiteStageRefIds: ['1'], type: 'manualJudgment', name: 'Approve' },
        ],
        true,
      ),
    );
    const stopped = await orchestrate(
      pipeline('stopped', [{ refId: '1', type: 'manualJudgment', name: 'Approve' }]),
    );
    const failing = await orchestrate(
      pipeline('failing', [
        {
          refId: '1',
          type: 'checkPreconditions',
          name: 'Check',
          preconditions: [{ type: 'expression', context: { expression: 'false' } }],
        },
      ]),
    );
    await judge(ok, 'continue');
    await judge(stopped, 'stop');
    const ends = await Promise.all(
      [ok, stopped, failing].map((id) =>
        until(
          () => execution(id),
          (e) => isComplete(e.status),
          `${id}`,
        ),
      ),
    );
    expect(ends.map((e) => e.status)).toEqual(['SUCCEEDED', 'TERMINAL', 'TERMINAL']);
    // The down receiver did not hold the pipelines up (their runs are short; judging took ms).
    for (const e of ends) expect(e.endTime! - e.startTime!).toBeLessThan(5_000);

    const expected: Record<string, string[]> = {
      [ok]: [
        'manualJudgment',
        'manualJudgmentContinue',
        'pipeline.complete',
        'pipeline.starting',
        'stage.complete',
        'stage.starting',
      ],
      [stopped]: ['manualJudgment', 'manualJudgmentStop', 'pipeline.failed', 'pipeline.starting'],
      [failing]: ['pipeline.failed', 'pipeline.starting', 'stage.failed', 'stage.starting'],
    };
    for (const [id, whens] of Object.entries(expected))
      await until(
        () => whensFor(received, id),
        (w) => w.length >= whens.length,
        `notifications of ${id}`,
      );
    for (const [id, whens] of Object.entries(expected)) expect(whensFor(received, id)).toEqual(whens.sort());
    // Every `when` value was delivered at least once.
    expect(new Set(received.map((r) => r.when))).toEqual(
      new Set([...PIPELINE_WHENS, ...STAGE_WHENS, ...JUDGMENT_WHENS]),
    );
    await until(
      () => smtp.output(),
      (out) => out.includes('ops@genoa.test'),
      'the email',
    );
    expect(smtp.output()).toContain('Subject: [Spinnaker] Pipeline ok has completed successfully');

    // Now the late receiver comes up: the retried deliveries reach it, each once.
    late = fastify();
    late.post('/late', async (req) => void lateReceived.push(req.body as (typeof lateReceived)[number]));
    await late.listen({ port: latePort, host: '127.0.0.1' });
    for (const [id, whens] of Object.entries(expected))
      await until(
        () => whensFor(lateReceived, id),
        (w) => w.length >= whens.length,
        `late notifications of ${id}`,
        30_000,
      );
    await new Promise((r) => setTimeout(r, 500));
    for (const [id, whens] of Object.entries(expected))
      expect(whensFor(lateReceived, id)).toEqual(whens.sort());
  });
});
