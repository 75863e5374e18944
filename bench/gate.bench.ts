/**
 * gate benchmark: a real gate process (pinned to one core with `taskset` when available) in front
 * of a stand-in front50 (a tiny HTTP server in a worker thread answering 10 pipeline configs), on
 * a real Redis. Prints:
 * - added latency: `GET /applications/{app}/pipelineConfigs` through gate vs the same front50 call
 *   made directly, one request at a time over keep-alive (p50/p99; target p50 < 1 ms added);
 * - throughput of that route through gate with autocannon (auth off, then an API token; target
 *   ≥ 2,000 req/s on one core);
 * - live updates: Redis PUBLISH of an execution event → the SSE client's receipt (p50/p99).
 *
 * Run: `npm run bench -- gate`  (env: BENCH_REQUESTS=2000, BENCH_SECONDS=10, BENCH_CONNECTIONS=32,
 * BENCH_EVENTS=300; small: BENCH_REQUESTS=200 BENCH_SECONDS=2 BENCH_EVENTS=50)
 */
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LiveEventChannels } from '@genoa/shared';
import { freePort, spawnManaged, startRedis, waitForHealthy, type ManagedProcess } from '@genoa/testing';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 300);
const ADMIN_PASSWORD = 'bench-admin-password';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const f2 = (n: number) => n.toFixed(2);

/** The stand-in front50: one keep-alive HTTP server in its own thread (so it does not share the bench's loop). */
const FRONT50 = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const pipelines = Array.from({ length: 10 }, (_, i) => ({
  id: 'pipeline-' + i, application: 'bench', name: 'Deploy ' + i, index: i, keepWaitingPipelines: false,
  limitConcurrent: true, updateTs: '1700000000000', lastModifiedBy: 'bench',
  parameterConfig: [{ name: 'tag', default: 'v1', required: false }],
  triggers: [{ type: 'jenkins', enabled: true, master: 'ci', job: 'svc-' + i }],
  stages: [
    { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Soak', waitTime: 30 },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'deployManifest', name: 'Deploy', account: 'k8s',
      cloudProvider: 'kubernetes', moniker: { app: 'bench' }, manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'svc-' + i }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } } }] },
    { refId: '3', requisiteStageRefIds: ['2'], type: 'manualJudgment', name: 'Approve', judgmentInputs: [] },
  ],
}));
const list = JSON.stringify(pipelines);
const app = JSON.stringify({ name: 'BENCH', email: 'bench@example.com' });
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  let body = '{"status":"UP"}';
  if (path === '/pipelines/bench') body = list;
  else if (path === '/v2/applications/bench') body = app;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage('ready'));
`;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function startGate(port: number, env: Record<string, string>): Promise<ManagedProcess> {
  const node = [process.execPath, '--import', 'tsx', join(root, 'services/gate/src/main.ts')];
  const [command, ...args] = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '1', ...node] : node;
  const proc = spawnManaged(command!, args, {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/health/liveness`, proc, 60_000);
  return proc;
}

/** CPU seconds (user + system) a process has used, from /proc (undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * autocannon against `url`; also the gate process's CPU time per request, which gives the rate one
 * fully used core would sustain even when the machine is shared (req/s alone then measures the share).
 */
async function throughput(url: string, pid: number | undefined, headers: Record<string, string> = {}) {
  const before = cpuSeconds(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const after = cpuSeconds(pid);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  const cpuPerRequestUs =
    before === undefined || after === undefined
      ? undefined
      : ((after - before) / result.requests.total) * 1e6;
  return { result, cpuPerRequestUs };
}

const redisServer = await startRedis({ ignoreEnv: true });
const front50Port = await freePort();
const worker = new Worker(FRONT50, { eval: true, workerData: { port: front50Port } });
await new Promise((resolve) => worker.once('message', resolve));
const dead = 'http://127.0.0.1:9';
const common = {
  REDIS_URL: redisServer.url,
  FRONT50_URL: `http://127.0.0.1:${front50Port}`,
  ORCA_URL: dead,
  CLOUDDRIVER_URL: dead,
  ECHO_URL: dead,
  IGOR_URL: dead,
};
const [openPort, securedPort] = [await freePort(), await freePort()];
const processes: ManagedProcess[] = [];
const publisher = new Redis(redisServer.url);
try {
  processes.push(await startGate(openPort, { ...common, GATE_AUTH_ENABLED: 'false' }));
  processes.push(
    await startGate(securedPort, {
      ...common,
      GATE_AUTH_ENABLED: 'true',
      GATE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    }),
  );
  const direct = `http://127.0.0.1:${front50Port}/pipelines/bench?refresh=true`;
  const viaGate = `http://127.0.0.1:${openPort}/applications/bench/pipelineConfigs`;

  // 1. Added latency, one request at a time, direct and through gate interleaved.
  for (let i = 0; i < Math.min(500, REQUESTS); i++) await Promise.all([get(direct), get(viaGate)]);
  const d: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    d.push(await get(direct));
    g.push(await get(viaGate));
  }
  console.log(`  latency over ${REQUESTS} sequential keep-alive requests (ms):`);
  console.log(`    front50 directly      p50 ${f2(pct(d, 0.5))}  p99 ${f2(pct(d, 0.99))}`);
  console.log(`    through gate          p50 ${f2(pct(g, 0.5))}  p99 ${f2(pct(g, 0.99))}`);
  const added = pct(g, 0.5) - pct(d, 0.5);
  console.log(
    `    added by gate         p50 ${f2(added)}  p99 ${f2(pct(g, 0.99) - pct(d, 0.99))}   (target p50 < 1 ms: ${added < 1 ? 'met' : 'MISSED'})`,
  );

  // 2. Throughput through gate (one core), auth off and with an API token.
  const open = await throughput(viaGate, processes[0]!.child.pid);
  const made = await fetch(`http://127.0.0.1:${securedPort}/auth/tokens`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ username: 'bench', roles: ['dev'] }),
  });
  const { token } = (await made.json()) as { token: string };
  const secured = await throughput(
    `http://127.0.0.1:${securedPort}/applications/bench/pipelineConfigs`,
    processes[1]!.child.pid,
    { authorization: `Bearer ${token}` },
  );
  console.log(
    `  throughput of GET /applications/{app}/pipelineConfigs through gate (${CONNECTIONS} connections, ${SECONDS} s):`,
  );
  for (const [label, { result: r, cpuPerRequestUs: cpu }] of [
    ['auth off', open],
    ['API token', secured],
  ] as const) {
    const perCore = cpu ? 1e6 / cpu : undefined;
    console.log(
      `    ${label.padEnd(10)} ${r.requests.average.toFixed(0).padStart(6)} req/s measured (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms)` +
        (perCore
          ? `; gate CPU ${cpu!.toFixed(0)} µs/request → ${perCore.toFixed(0)} req/s per fully used core (target ≥ 2,000: ${perCore >= 2_000 ? 'met' : 'MISSED'})`
          : ''),
    );
  }
  console.log(
    `    (machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores while measuring)`,
  );

  // 3. Live updates: PUBLISH → SSE client, one event at a time.
  const received = new Map<string, number>();
  let waiting: ((id: string) => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    const req = request(`http://127.0.0.1:${openPort}/events/applications/bench`, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        if (buffer.includes(': connected')) resolve();
        for (const match of buffer.matchAll(/"executionId":"(e[\d.]+)"/g)) {
          if (!received.has(match[1]!)) {
            received.set(match[1]!, now);
            waiting?.(match[1]!);
          }
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 1);
      });
    });
    req.on('error', reject);
    req.end();
  });
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const sent = performance.now();
    const id = `e${sent}`;
    const arrived = new Promise<void>((resolve) => (waiting = (got) => got === id && resolve()));
    await publisher.publish(
      LiveEventChannels.application('bench'),
      JSON.stringify({
        event: 'execution',
        data: {
          application: 'bench',
          executionId: id,
          type: 'orca:stage:complete',
          status: 'SUCCEEDED',
          timestamp: Date.now(),
        },
      }),
    );
    await arrived;
    latencies.push(received.get(id)! - sent);
  }
  console.log(
    `  live updates: PUBLISH → SSE client over ${EVENTS} events   p50 ${f2(pct(latencies, 0.5))} ms  p99 ${f2(pct(latencies, 0.99))} ms   (target < 1,000 ms)`,
  );
} finally {
  publisher.disconnect();
  agent.destroy();
  await Promise.all(processes.map((p) => p.stop()));
  await worker.terminate();
  await redisServer.stop();
}
process.exit(0);
