/**
 * Helpers of the orca benchmarks: start orca processes (`services/orca/src/main.ts` under tsx),
 * read executions straight from Redis, and summarise latencies.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnManaged, type ManagedProcess } from '@genoa/testing';
import type { Redis } from 'ioredis';

const mainFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'services', 'orca', 'src', 'main.ts');

/** A running orca process. */
export interface OrcaProc {
  port: number;
  url: string;
  proc: ManagedProcess;
}

/** Starts orca (HTTP + optional worker) and waits for /health. */
export async function startOrca(redisUrl: string, env: Record<string, string>): Promise<OrcaProc> {
  const port = await freePort();
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', mainFile], {
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      FRONT50_URL: 'http://127.0.0.1:9',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { port, url, proc };
    } catch {
      /* starting */
    }
    if (Date.now() > deadline || proc.child.exitCode !== null)
      throw new Error(`orca did not start: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sum of `orca_engine_messages_total` on an orca's /metrics. */
export async function messagesHandled(orca: OrcaProc): Promise<number> {
  const text = await (await fetch(`${orca.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('orca_engine_messages_total{')) sum += Number(line.split(' ').pop());
  return sum;
}

/** A stored execution, as much as the benchmarks read. */
export interface StoredExecution {
  id: string;
  status: string;
  startTime?: number;
  endTime?: number;
  stages: { status: string; startTime?: number; endTime?: number }[];
}

/** Reads executions from Redis (`{orca}:exec:<id>`). */
export async function readExecutions(redis: Redis, ids: string[]): Promise<StoredExecution[]> {
  const out: StoredExecution[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const docs = await redis.mget(...ids.slice(i, i + 500).map((id) => `{orca}:exec:${id}`));
    for (const d of docs) if (d) out.push(JSON.parse(d) as StoredExecution);
  }
  return out;
}

/** Waits until every id has one of `statuses` in the status index. */
export async function waitForStatuses(
  redis: Redis,
  ids: string[],
  statuses: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let done = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const st = await redis.hmget('{orca}:status', ...ids.slice(i, i + 1000));
      done += st.filter((s) => s !== null && statuses.includes(s)).length;
    }
    if (done === ids.length) return;
    if (Date.now() > deadline)
      throw new Error(`only ${done}/${ids.length} executions reached ${statuses.join('/')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The q-quantile of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** POSTs a pipeline to /orchestrate; returns the execution id. */
export async function orchestrate(orca: OrcaProc, pipeline: unknown): Promise<string> {
  const res = await fetch(`${orca.url}/orchestrate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(pipeline),
  });
  if (!res.ok) throw new Error(`orchestrate answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { ref: string }).ref.split('/')[2]!;
}

/** A pipeline of `n` chained wait-0 stages. */
export const noopPipeline = (n: number, configId: string) => ({
  application: 'bench',
  name: 'noop',
  id: configId,
  stages: Array.from({ length: n }, (_, i) => ({
    refId: String(i + 1),
    requisiteStageRefIds: i === 0 ? [] : [String(i)],
    type: 'wait',
    waitTime: 0,
  })),
});
