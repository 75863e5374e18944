/**
 * Trigger latency through the suite: a signed webhook accepted at gate
 * (`POST /webhooks/webhook/{source}`, HMAC `X-Hub-Signature-256`) → gate enqueues the event → echo
 * matches it against the cached triggers and enqueues a start request → orca starts the execution
 * (RUNNING). Latency = the execution's `startTime` as orca records it, minus the moment the request
 * left the client (same host, same clock), announced by orca's `orca:pipeline:starting` event. gate, echo,
 * orca and front50 run as their own processes on a real Redis and a real S3 server; the pipelines
 * (each with its own webhook trigger) are saved through front50.
 * Run: `npm run bench -- echo-trigger` (`BENCH_EVENTS`, `BENCH_PIPELINES` for the size). Rows: p50
 * one at a time and p50/p99/throughput with 8 in flight (target p50 < 50 ms, issue #9).
 */
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { QueueName, queuePrefix } from '@genoa/shared';
import { createRedis } from '@genoa/shared/node';
import {
  freePort,
  infrastructureEnv,
  spawnManaged,
  startRedis,
  startS3,
  waitForHealthy,
  type ManagedProcess,
} from '@genoa/testing';
import { report, sized } from './report.js';

const EVENTS = sized(1000, 100, 'BENCH_EVENTS');
const PIPELINES = sized(200, 20, 'BENCH_PIPELINES');
const IN_FLIGHT = 8;
const HMAC_SECRET = 'bench-webhook-secret';
const root = fileURLToPath(new URL('..', import.meta.url));

const redis = await startRedis({ ignoreEnv: true });
const s3 = await startS3({ ignoreEnv: true });
const ports = {
  front50: await freePort(),
  orca: await freePort(),
  echo: await freePort(),
  gate: await freePort(),
};
const url = (s: keyof typeof ports) => `http://127.0.0.1:${ports[s]}`;
const env = {
  ...infrastructureEnv(redis, s3),
  LOG_LEVEL: 'warn',
  FRONT50_BUCKET: 'bench-trigger',
  FRONT50_URL: url('front50'),
  ORCA_URL: url('orca'),
  ECHO_URL: url('echo'),
  ECHO_CRON_ENABLED: 'false',
  GATE_WEBHOOK_SOURCES: JSON.stringify({ '*': { hmacSecret: HMAC_SECRET } }),
  GATE_WEBHOOK_RATE_PER_MINUTE: '1000000',
};
const procs: ManagedProcess[] = [];
const start = async (service: keyof typeof ports) => {
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(ports[service]) },
  });
  procs.push(proc);
  await waitForHealthy(`${url(service)}/health`, proc, 60_000);
};

const pipelines = Array.from({ length: PIPELINES }, (_, i) => ({
  id: `bench-trigger-${i}`,
  application: `benchapp${i % 10}`,
  name: `on hook ${i}`,
  stages: [{ type: 'wait', refId: '1', waitTime: 0 }],
  triggers: [
    { type: 'webhook', enabled: true, source: `hook-${i}`, payloadConstraints: { branch: '^main$' } },
  ],
  parameterConfig: [{ name: 'env', default: 'dev' }],
}));

interface Execution {
  startTime?: number;
  trigger?: { eventId?: string };
}

const connection = createRedis(redis.url, { name: 'bench', forWorker: true });
const events = new QueueEvents(QueueName.echoEvents, {
  connection,
  prefix: queuePrefix[QueueName.echoEvents],
});
try {
  await events.waitUntilReady();
  await start('front50');
  await Promise.all([start('orca'), start('echo'), start('gate')]);
  for (const p of pipelines) {
    const res = await fetch(`${url('front50')}/pipelines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
    if (!res.ok) throw new Error(`front50 refused a pipeline: ${res.status} ${await res.text()}`);
  }
  await fetch(`${url('echo')}/pipelineCache/refresh`, { method: 'POST' });

  // orca announces each start on `echo-events` with job id `orca|pipeline|starting|<id>|<startTime>`:
  // the start time comes with the notification; the execution (read once) names the gate event.
  const started = new Map<string, number>();
  const waiting = new Map<string, (startTime: number) => void>();
  events.on('added', ({ jobId }) => {
    const [a, b, c, id, startTime] = jobId.split('|');
    if (`${a}|${b}|${c}` !== 'orca|pipeline|starting' || !id) return;
    void fetch(`${url('orca')}/pipelines/${id}`)
      .then((r) => r.json() as Promise<Execution>)
      .then((e) => {
        const eventId = e.trigger?.eventId;
        if (!eventId) return;
        const resolve = waiting.get(eventId);
        if (resolve) resolve(Number(startTime));
        else started.set(eventId, Number(startTime));
      });
  });

  /** Sends one signed webhook through gate; resolves with ms from send to RUNNING at orca. */
  const one = async (i: number): Promise<number> => {
    const pipeline = pipelines[i % PIPELINES]!;
    const body = JSON.stringify({ branch: 'main', parameters: { env: 'prod' }, n: i });
    const signature = `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`;
    const sent = Date.now();
    const res = await fetch(`${url('gate')}/webhooks/webhook/${pipeline.triggers[0]!.source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    });
    if (res.status !== 200) throw new Error(`gate answered ${res.status}: ${await res.text()}`);
    const { eventId } = (await res.json()) as { eventId: string };
    const startTime = await new Promise<number>((resolve, reject) => {
      const early = started.get(eventId);
      if (early !== undefined) return resolve(early);
      waiting.set(eventId, resolve);
      setTimeout(() => reject(new Error(`no RUNNING execution for event ${eventId}`)), 10_000).unref();
    });
    waiting.delete(eventId);
    started.delete(eventId);
    return startTime - sent;
  };

  for (let i = 0; i < sized(30, 10); i += 1) await one(i); // warm-up
  const phase = async (inFlight: number, count: number) => {
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < count) latencies.push(await one(next++));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    process.stdout.write(
      `${String(count).padStart(5)} webhooks, ${inFlight} in flight: p50 ${pct(50)} ms, p90 ${pct(90)} ms, ` +
        `p99 ${pct(99)} ms, max ${latencies.at(-1)} ms; ${(count / seconds).toFixed(0)} webhooks/s (target p50 < 50 ms)\n`,
    );
    return { p50: pct(50), p99: pct(99), perSecond: count / seconds };
  };
  process.stdout.write(
    `trigger latency: signed webhook at gate → execution RUNNING at orca; ${PIPELINES} pipelines with webhook triggers\n`,
  );
  const serial = await phase(1, Math.min(EVENTS, 300));
  const loaded = await phase(IN_FLIGHT, EVENTS);
  const what = `webhook at gate → RUNNING (${PIPELINES} triggers)`;
  report([
    {
      metric: `trigger latency p50, 1 in flight: ${what}`,
      value: serial.p50,
      unit: 'ms',
      target: { op: '<', value: 50 },
    },
    { metric: `trigger latency p99, 1 in flight: ${what}`, value: serial.p99, unit: 'ms' },
    {
      metric: `trigger latency p50, ${IN_FLIGHT} in flight: ${what}`,
      value: loaded.p50,
      unit: 'ms',
      comparison: { label: '1 in flight p50', value: serial.p50 },
      target: { op: '<', value: 50 },
    },
    { metric: `trigger latency p99, ${IN_FLIGHT} in flight: ${what}`, value: loaded.p99, unit: 'ms' },
    { metric: `webhook triggers/s, ${IN_FLIGHT} in flight: ${what}`, value: loaded.perSecond, unit: '/s' },
  ]);
} finally {
  await events.close();
  connection.disconnect();
  await Promise.all(procs.map((p) => p.stop()));
  await s3.stop();
  await redis.stop();
}
