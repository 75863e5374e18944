/**
 * orca start latency: `POST /orchestrate` → first stage RUNNING (its `startTime`), p50/p99 over
 * sequential starts against one orca process. `npx tsx bench/orca-start.bench.ts`
 */
import { startRedis } from '@genoa/testing';
import { Redis } from 'ioredis';
import {
  noopPipeline,
  orchestrate,
  quantile,
  readExecutions,
  startOrca,
  waitForStatuses,
} from './orca-support.js';
import { report, sized } from './report.js';

const STARTS = sized(300, 30, 'BENCH_STARTS');

const server = await startRedis({ ignoreEnv: true });
const redis = new Redis(server.url);
const orca = await startOrca(server.url, { ORCA_WORKER_CONCURRENCY: '20' });
try {
  for (let i = 0; i < 20; i += 1) await orchestrate(orca, noopPipeline(1, `warm-${i}`)); // warm up
  const latencies: number[] = [];
  const accepted: number[] = [];
  for (let i = 0; i < STARTS; i += 1) {
    const sent = Date.now();
    const t = performance.now();
    const id = await orchestrate(orca, noopPipeline(2, `start-${i}`));
    accepted.push(performance.now() - t);
    await waitForStatuses(redis, [id], ['RUNNING', 'SUCCEEDED'], 10_000);
    // The execution turns RUNNING a moment before its first stage does: wait for the stage's start.
    let stageStart: number | undefined;
    for (let polls = 0; stageStart === undefined && polls < 1_000; polls += 1) {
      const [e] = await readExecutions(redis, [id]);
      stageStart = e?.stages[0]?.startTime ?? undefined;
      if (stageStart === undefined) await new Promise((r) => setTimeout(r, 1));
    }
    if (stageStart === undefined) throw new Error(`first stage of ${id} never started`);
    latencies.push(stageStart - sent);
  }
  process.stdout.write(
    [
      `orca start latency: ${STARTS} sequential POST /orchestrate (2-stage pipeline), one orca process`,
      '',
      '| measure | p50 ms | p99 ms |',
      '|---|---|---|',
      `| POST /orchestrate answered | ${quantile(accepted, 0.5).toFixed(2)} | ${quantile(accepted, 0.99).toFixed(2)} |`,
      `| POST sent → first stage RUNNING (stage startTime, ms clock) | ${quantile(latencies, 0.5)} | ${quantile(latencies, 0.99)} |`,
      '',
    ].join('\n'),
  );
  report([
    {
      metric: 'orca POST /orchestrate → first stage RUNNING p50',
      value: quantile(latencies, 0.5),
      unit: 'ms',
      target: { op: '<', value: 20 },
    },
    {
      metric: 'orca POST /orchestrate → first stage RUNNING p99',
      value: quantile(latencies, 0.99),
      unit: 'ms',
    },
  ]);
} finally {
  await orca.proc.stop(3000);
  redis.disconnect();
  await server.stop();
}
// Raw BullMQ workers' connections may still be reconnecting to the stopped Redis: end here.
process.exit(0);
