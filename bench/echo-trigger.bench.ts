/**
 * echo's trigger path, end to end: webhook accepted (`POST /webhooks/webhook/{source}`) → start
 * request enqueued on `orca-pipeline-requests`, p50/p99, with 1,000 pipelines in the cache. echo runs
 * as its own process against a Front50 stand-in; arrival is observed with BullMQ QueueEvents.
 * Run: `npm run bench -- echo`.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { QueueEvents } from 'bullmq';
import { QueueName, queuePrefix } from '@genoa/shared';
import { createRedis } from '@genoa/shared/node';
import { freePort, spawnManaged, startRedis, waitForHealthy } from '@genoa/testing';
import { report, sized } from './report.js';

const EVENTS = sized(1000, 100, 'BENCH_EVENTS');
const IN_FLIGHT = 8;
const PIPELINES = 1000;
const root = fileURLToPath(new URL('..', import.meta.url));

const pipelines = Array.from({ length: PIPELINES }, (_, i) => ({
  id: `p-${i}`,
  application: `app${i % 50}`,
  name: `pipeline-${i}`,
  stages: [{ type: 'wait', refId: '1', waitTime: 1 }],
  triggers: [
    { type: 'webhook', enabled: true, source: `hook-${i}`, payloadConstraints: { branch: '^main$' } },
  ],
  parameterConfig: [{ name: 'env', default: 'dev' }],
}));
const front50Port = await freePort();
const front50 = createServer((req, res) => {
  res.writeHead(req.url?.startsWith('/pipelines') ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(pipelines));
});
await new Promise<void>((r) => front50.listen(front50Port, '127.0.0.1', r));
const redis = await startRedis({ ignoreEnv: true });
const port = await freePort();
const echo = spawnManaged(process.execPath, ['--import', 'tsx', 'services/echo/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    REDIS_URL: redis.url,
    LOG_LEVEL: 'warn',
    FRONT50_URL: `http://127.0.0.1:${front50Port}`,
    ECHO_CRON_ENABLED: 'false',
  },
});
const connection = createRedis(redis.url, { name: 'bench', forWorker: true });
const events = new QueueEvents(QueueName.orcaPipelineRequests, {
  connection,
  prefix: queuePrefix[QueueName.orcaPipelineRequests],
});
try {
  await waitForHealthy(`http://127.0.0.1:${port}/health`, echo);
  await events.waitUntilReady();
  const pending = new Map<string, (t: number) => void>();
  const arrivedEarly = new Map<string, number>();
  events.on('added', ({ jobId }) => {
    const resolve = pending.get(jobId);
    if (resolve) resolve(performance.now());
    else arrivedEarly.set(jobId, performance.now());
  });
  const latencies: number[] = [];
  const one = async (i: number) => {
    const pipeline = pipelines[i % PIPELINES]!;
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/webhooks/webhook/${pipeline.triggers[0]!.source}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ branch: 'main', parameters: { env: 'prod' } }),
    });
    const { eventId } = (await res.json()) as { eventId: string };
    const jobId = `echo/${eventId}/${pipeline.id}`;
    const arrived = await new Promise<number>((resolve, reject) => {
      const early = arrivedEarly.get(jobId);
      if (early !== undefined) return resolve(early);
      pending.set(jobId, resolve);
      setTimeout(() => reject(new Error(`no start request for ${jobId}`)), 10_000).unref();
    });
    pending.delete(jobId);
    latencies.push(arrived - started);
  };
  for (let i = 0; i < 50; i += 1) await one(i); // warm-up
  const phase = async (inFlight: number, count: number) => {
    latencies.length = 0;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < count) await one(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    report([
      {
        metric: `echo webhook accepted → start request enqueued p50 (${inFlight} in flight)`,
        value: latencies[Math.floor(0.5 * latencies.length)]!,
        unit: 'ms',
      },
      {
        metric: `echo webhook accepted → start request enqueued p99 (${inFlight} in flight)`,
        value: latencies[Math.min(latencies.length - 1, Math.floor(0.99 * latencies.length))]!,
        unit: 'ms',
      },
    ]);
    process.stdout.write(
      `${String(count).padStart(5)} events, ${inFlight} in flight: p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, ` +
        `max ${latencies.at(-1)!.toFixed(1)} ms; ${(count / seconds).toFixed(0)} events/s\n`,
    );
  };
  process.stdout.write(
    `echo trigger (webhook accepted → start request enqueued), ${PIPELINES} pipelines cached\n`,
  );
  await phase(1, Math.min(EVENTS, 300));
  await phase(IN_FLIGHT, EVENTS);
} finally {
  await events.close();
  connection.disconnect();
  await echo.stop();
  front50.close();
  await redis.stop();
}
