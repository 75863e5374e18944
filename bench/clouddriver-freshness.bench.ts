/**
 * clouddriver freshness benchmark: a real clouddriver process (informers on a kube sandbox, Redis),
 * 100 ReplicaSets created and then 100 scaled behind its back; for each change, the time from
 * the API server's answer until `/applications/{app}/serverGroups` shows it (polled every 5 ms).
 * Target: p99 < 1 s. Run: `npm run bench -- clouddriver`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKubeSandbox } from '@genoa/kube-sandbox';
import { freePort, startRedis } from '@genoa/testing';
import { report, sized, type BenchRow } from './report.js';

const N = sized(100, 20, 'BENCH_OBJECTS');
const rows: BenchRow[] = [];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function http(
  method: string,
  url: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, headers: payload ? { 'content-type': contentType } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'cd-bench-'));
const sandbox = await startKubeSandbox({
  port: 0,
  kubeconfigPath: join(dir, 'kubeconfig'),
  podReadyDelayMs: 50,
});
const redis = await startRedis({ ignoreEnv: true });
const port = await freePort();
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'services/clouddriver/src/main.ts')], {
  env: {
    ...process.env,
    PORT: String(port),
    REDIS_URL: redis.url,
    KUBECONFIG: sandbox.kubeconfigPath,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  const bootStart = performance.now();
  for (;;) {
    const res = await http('GET', `${base}/health`).catch(() => ({ status: 0, text: '' }));
    if (res.status === 200) break;
    await sleep(20);
  }
  console.log(
    `  clouddriver ready (informers synced) ${(performance.now() - bootStart).toFixed(0)} ms after spawn`,
  );

  const seen = new Map<string, number>();
  const visible =
    (check: (sg: { displayName: string; capacity: { desired: number } }) => boolean) => async () => {
      const res = await http('GET', `${base}/applications/bench/serverGroups`);
      const now = performance.now();
      for (const sg of JSON.parse(res.text) as { displayName: string; capacity: { desired: number } }[])
        if (check(sg) && !seen.has(sg.displayName)) seen.set(sg.displayName, now);
    };
  const measure = async (
    label: string,
    change: (i: number) => Promise<void>,
    check: (sg: { displayName: string; capacity: { desired: number } }) => boolean,
  ) => {
    seen.clear();
    const done = new Map<string, number>();
    let polling = true;
    const poll = visible(check);
    const poller = (async () => {
      while (polling) {
        await poll();
        await sleep(5);
      }
    })();
    for (let i = 0; i < N; i++) {
      await change(i);
      done.set(`b-${i}-v000`, performance.now());
    }
    const deadline = performance.now() + 10_000;
    while (seen.size < N && performance.now() < deadline) await sleep(10);
    polling = false;
    await poller;
    const lags = [...done.entries()].map(([name, t]) => (seen.get(name) ?? Infinity) - t);
    const missing = lags.filter((l) => !Number.isFinite(l)).length;
    rows.push(
      { metric: `clouddriver freshness p50, ${label}`, value: pct(lags, 0.5), unit: 'ms' },
      {
        metric: `clouddriver freshness p99, ${label}`,
        value: pct(lags, 0.99),
        unit: 'ms',
        target: { op: '<', value: 1000 },
      },
    );
    console.log(
      `  ${label.padEnd(28)} p50 ${pct(lags, 0.5).toFixed(1)} ms  p99 ${pct(lags, 0.99).toFixed(1)} ms  max ${Math.max(...lags).toFixed(1)} ms` +
        (missing ? `  (${missing} never seen)` : ''),
    );
  };
  const rsPath = `${sandbox.url}/apis/apps/v1/namespaces/default/replicasets`;
  await measure(
    `create ${N} ReplicaSets`,
    async (i) => {
      const res = await http('POST', rsPath, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `b-${i}-v000`, annotations: { 'moniker.spinnaker.io/application': 'bench' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { b: String(i) } },
          template: {
            metadata: { labels: { b: String(i) } },
            spec: { containers: [{ name: 'c', image: 'x' }] },
          },
        },
      });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${res.text}`);
    },
    () => true,
  );
  await measure(
    `scale ${N} ReplicaSets`,
    async (i) => {
      const res = await http(
        'PATCH',
        `${rsPath}/b-${i}-v000`,
        { spec: { replicas: 2 } },
        'application/merge-patch+json',
      );
      if (res.status !== 200) throw new Error(`patch answered ${res.status}: ${res.text}`);
    },
    (sg) => sg.capacity.desired === 2,
  );
  report(rows);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await Promise.all([sandbox.stop(), redis.stop()]);
}
