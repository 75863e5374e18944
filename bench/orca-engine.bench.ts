/**
 * orca engine efficiency: 1,000 executions of a 10-stage no-op pipeline (wait 0) with 1 and with 4
 * worker processes; stages/s, messages/s, per-stage-transition latencies, and raw BullMQ no-op
 * jobs/s at the same concurrency on the same Redis. `npx tsx bench/orca-engine.bench.ts`
 */
import { startRedis } from '@genoa/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  messagesHandled,
  noopPipeline,
  orchestrate,
  quantile,
  readExecutions,
  startOrca,
  waitForStatuses,
  type OrcaProc,
} from './orca-support.js';
import { report, sized, type BenchRow } from './report.js';

const EXECUTIONS = sized(1000, 100, 'BENCH_EXECUTIONS');
const RAW_JOBS = sized(20_000, 2_000, 'BENCH_RAW_JOBS');
const ISOLATED_RUNS = sized(50, 10, 'BENCH_ISOLATED_RUNS');
const STAGES = 10;
const CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 1);
/** ORCA_INLINE_MESSAGES of the orca processes (unset: orca's default). */
const INLINE = process.env.BENCH_INLINE_MESSAGES;
const inlineEnv: Record<string, string> = INLINE === undefined ? {} : { ORCA_INLINE_MESSAGES: INLINE };

/** Raw BullMQ: `jobs` no-op jobs through `workers` workers of `concurrency` each. */
async function rawJobsPerSecond(
  url: string,
  workers: number,
  concurrency: number,
  jobs: number,
): Promise<number> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const name = `raw-${workers}-${Date.now()}`;
  const queue = new Queue(name, { connection, prefix: '{bench}' });
  for (let i = 0; i < jobs; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { removeOnComplete: true },
      })),
    );
  let done = 0;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const start = performance.now();
  const ws = Array.from({ length: workers }, () => {
    const w = new Worker(name, async () => undefined, {
      connection: new Redis(url, { maxRetriesPerRequest: null }),
      prefix: '{bench}',
      concurrency,
    });
    w.on('completed', () => {
      done += 1;
      if (done === jobs) resolve();
    });
    return w;
  });
  await finished;
  const rate = jobs / ((performance.now() - start) / 1000);
  await Promise.all(ws.map((w) => w.close()));
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return rate;
}

/** Runs the engine scenario with `n` worker processes. */
async function engineRun(url: string, redis: Redis, n: number) {
  const workers: OrcaProc[] = [];
  for (let i = 0; i < n; i += 1)
    workers.push(
      await startOrca(url, {
        ORCA_WORKER_CONCURRENCY: String(CONCURRENCY),
        ORCA_RECONCILER_INTERVAL_MS: '3600000',
        ORCA_RETENTION_INTERVAL_MS: '3600000',
        ...inlineEnv,
      }),
    );
  const before = (await Promise.all(workers.map(messagesHandled))).reduce((a, b) => a + b, 0);
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < EXECUTIONS; i += 20)
    ids.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, EXECUTIONS - i) }, (_, k) =>
          orchestrate(workers[(i + k) % n]!, noopPipeline(STAGES, `bench-${n}-${i + k}`)),
        ),
      )),
    );
  await waitForStatuses(redis, ids, ['SUCCEEDED', 'TERMINAL', 'CANCELED'], 600_000);
  const seconds = (performance.now() - t0) / 1000;
  const after = (await Promise.all(workers.map(messagesHandled))).reduce((a, b) => a + b, 0);
  const executions = await readExecutions(redis, ids);
  const transitions: number[] = [];
  for (const e of executions)
    for (let i = 1; i < e.stages.length; i += 1)
      transitions.push(e.stages[i]!.startTime! - e.stages[i - 1]!.endTime!);
  const stageDurations = executions.flatMap((e) => e.stages.map((s) => s.endTime! - s.startTime!));
  await Promise.all(workers.map((w) => w.proc.stop(3000)));
  const messages = after - before;
  return {
    succeeded: executions.filter((e) => e.status === 'SUCCEEDED').length,
    seconds,
    stagesPerSecond: (EXECUTIONS * STAGES) / seconds,
    messagesPerSecond: messages / seconds,
    messagesPerStage: messages / (EXECUTIONS * STAGES),
    transitionP50: quantile(transitions, 0.5),
    transitionP99: quantile(transitions, 0.99),
    stageP50: quantile(stageDurations, 0.5),
    stageP99: quantile(stageDurations, 0.99),
  };
}

/** One execution at a time: the engine's own per-stage overhead without queueing behind others. */
async function isolatedRun(url: string, redis: Redis) {
  const orca = await startOrca(url, { ORCA_WORKER_CONCURRENCY: '1', ...inlineEnv });
  const perStage: number[] = [];
  const transitions: number[] = [];
  for (let i = 0; i < ISOLATED_RUNS; i += 1) {
    const id = await orchestrate(orca, noopPipeline(STAGES, `iso-${i}`));
    await waitForStatuses(redis, [id], ['SUCCEEDED'], 30_000);
    const [e] = await readExecutions(redis, [id]);
    const first = e!.stages[0]!;
    const last = e!.stages[STAGES - 1]!;
    perStage.push((last.endTime! - first.startTime!) / STAGES);
    for (let k = 1; k < e!.stages.length; k += 1)
      transitions.push(e!.stages[k]!.startTime! - e!.stages[k - 1]!.endTime!);
  }
  await orca.proc.stop(3000);
  return {
    perStageP50: quantile(perStage, 0.5),
    perStageP99: quantile(perStage, 0.99),
    transitionP50: quantile(transitions, 0.5),
    transitionP99: quantile(transitions, 0.99),
  };
}

const server = await startRedis({ ignoreEnv: true });
const redis = new Redis(server.url);
try {
  const rows: string[] = [];
  const figures: BenchRow[] = [];
  const fmt = (x: number, d = 0) => x.toFixed(d);
  const isolated = await isolatedRun(server.url, redis);
  for (const n of [1, 4]) {
    const engine = await engineRun(server.url, redis, n);
    const raw = await rawJobsPerSecond(server.url, n, CONCURRENCY, RAW_JOBS);
    const setup = `${n} worker${n > 1 ? 's' : ''} × c${CONCURRENCY}`;
    figures.push(
      {
        metric: `orca engine messages/s (${setup})`,
        value: engine.messagesPerSecond,
        unit: '/s',
        comparison: { label: 'raw BullMQ no-op jobs/s', value: raw },
      },
      {
        metric: `orca engine msg/s ÷ raw BullMQ jobs/s (${setup})`,
        value: engine.messagesPerSecond / raw,
        unit: '×',
        target: { op: '>=', value: 0.5 },
      },
      { metric: `orca stage transition p99 under load (${setup})`, value: engine.transitionP99, unit: 'ms' },
    );
    rows.push(
      `| ${n} × c${CONCURRENCY} | ${engine.succeeded}/${EXECUTIONS} | ${fmt(engine.seconds, 1)} | ${fmt(engine.stagesPerSecond)} | ${fmt(engine.messagesPerSecond)} | ${fmt(engine.messagesPerStage, 2)} | ${engine.transitionP50} / ${engine.transitionP99} | ${engine.stageP50} / ${engine.stageP99} | ${fmt(raw)} | ${fmt(engine.messagesPerSecond / raw, 2)} |`,
    );
    await redis.flushdb();
  }
  process.stdout.write(
    [
      `orca engine: ${EXECUTIONS} executions × ${STAGES} wait-0 stages, events on, worker concurrency ${CONCURRENCY} per process, ORCA_INLINE_MESSAGES ${INLINE ?? 'default'}`,
      '',
      '| workers | succeeded | seconds | stages/s | messages/s | messages/stage | transition p50/p99 ms | stage p50/p99 ms | raw BullMQ jobs/s | engine msg/s ÷ raw |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `isolated (one execution at a time, ${ISOLATED_RUNS} runs): per-stage p50 ${fmt(isolated.perStageP50, 2)} ms, p99 ${fmt(isolated.perStageP99, 2)} ms; transition p50 ${isolated.transitionP50} ms, p99 ${isolated.transitionP99} ms`,
      '',
    ].join('\n'),
  );
  report([
    {
      metric: 'orca per-stage overhead p50 (isolated)',
      value: isolated.perStageP50,
      unit: 'ms',
      target: { op: '<', value: 5 },
    },
    { metric: 'orca stage transition p50 (isolated)', value: isolated.transitionP50, unit: 'ms' },
    { metric: 'orca stage transition p99 (isolated)', value: isolated.transitionP99, unit: 'ms' },
    ...figures,
  ]);
} finally {
  redis.disconnect();
  await server.stop();
}
// Raw BullMQ workers' connections may still be reconnecting to the stopped Redis: end here.
process.exit(0);
