/**
 * clouddriver scale benchmark (issue #7, "Scale"): 50 applications, each in its own namespace with
 * 4 versioned ReplicaSet clusters (`-v000`, `-v001`, 12 pods each), a Deployment (its ReplicaSet
 * and 2 pods) and a Service per cluster — over 5,000 pods + ReplicaSets, all with Spinnaker's
 * moniker and artifact annotations — in a kube sandbox, watched by a real clouddriver process.
 *
 * Measures: clouddriver's RSS idle (empty cache) and with the full cache; the watch-driven sync
 * (the sandbox's last pod created → every server group and instance visible in the views; the
 * sandbox's own time to make the pods is printed, not reported); a cold start onto the
 * full sandbox (spawn → views complete); then, warm, p50/p99 of the views Deck reads, sequential
 * and with 8 requests in flight. Spinnaker's own caching model cannot be measured here, so each
 * figure is judged against a stated target instead: view p99 < 100 ms sequential, < 500 ms with 8
 * in flight; RSS < 10 MB per 1,000 cached objects.
 * Run: `npm run bench -- clouddriver-scale` (`--quick`: 5 applications).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKubeSandbox } from '@genoa/kube-sandbox';
import { freePort, rssMb, startRedis } from '@genoa/testing';
import { report, sized, type BenchRow } from './report.js';

const APPS = sized(50, 5, 'BENCH_APPS');
const CLUSTERS = 4;
const VERSIONS = 2;
const PODS = 12;
const REQUESTS = sized(200, 40, 'BENCH_REQUESTS');
const IN_FLIGHT = 8;
const ACCOUNT = 'local';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows: BenchRow[] = [];

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
function get(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}
async function getJson<T>(url: string): Promise<T> {
  const res = await get(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text) as T;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f1 = (x: number) => x.toFixed(1);
/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const appName = (a: number) => `app${String(a).padStart(2, '0')}`;

// ---- the sandbox and its objects ----------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'cd-scale-'));
const sandbox = await startKubeSandbox({
  port: 0,
  kubeconfigPath: join(dir, 'kubeconfig'),
  podReadyDelayMs: 50,
  historyLimit: 50_000,
});
const api = sandbox.api;
const types = {
  namespace: api.type('v1', 'Namespace'),
  replicaSet: api.type('apps/v1', 'ReplicaSet'),
  deployment: api.type('apps/v1', 'Deployment'),
  service: api.type('v1', 'Service'),
};
const write = { fieldManager: 'bench' };

/** Spinnaker's moniker + artifact annotations (as a deploy stamps them), on the object and its pod template. */
function annotated(app: string, kind: string, base: string, version?: number) {
  const v = version === undefined ? '' : `v${String(version).padStart(3, '0')}`;
  const annotations: Record<string, string> = {
    'moniker.spinnaker.io/application': app,
    'moniker.spinnaker.io/cluster': `${kind} ${base}`,
    'artifact.spinnaker.io/type': `kubernetes/${kind}`,
    'artifact.spinnaker.io/name': base,
    'artifact.spinnaker.io/location': app,
    'artifact.spinnaker.io/version': v,
  };
  if (version !== undefined) annotations['moniker.spinnaker.io/sequence'] = String(version);
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/managed-by': 'spinnaker',
    cluster: base,
  };
  if (version !== undefined) labels['moniker.spinnaker.io/sequence'] = String(version);
  return { annotations, labels };
}
function workload(app: string, kind: string, base: string, replicas: number, version?: number) {
  const { annotations, labels } = annotated(app, kind, base, version);
  return {
    metadata: {
      name: version === undefined ? base : `${base}-${annotations['artifact.spinnaker.io/version']}`,
      annotations,
      labels,
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { annotations, labels },
        spec: { containers: [{ name: 'main', image: `registry.local/${app}/${base}:${version ?? 0}` }] },
      },
    },
  };
}

/** Creates every object in-process (the sandbox's own API, no HTTP); its controllers then make the pods. */
function createAll(): void {
  for (let a = 0; a < APPS; a++) {
    const app = appName(a);
    api.create(types.namespace, undefined, { metadata: { name: app } }, write);
    for (let c = 0; c < CLUSTERS; c++) {
      const base = `${app}-c${c}`;
      for (let v = 0; v < VERSIONS; v++)
        api.create(types.replicaSet, app, workload(app, 'replicaSet', base, PODS, v), write);
      const { annotations } = annotated(app, 'service', base);
      api.create(
        types.service,
        app,
        {
          metadata: { name: base, annotations },
          spec: { selector: { cluster: base }, ports: [{ port: 80, targetPort: 8080 }] },
        },
        write,
      );
    }
    api.create(types.deployment, app, workload(app, 'deployment', `${app}-web`, 2), write);
  }
}

/** Pods, ReplicaSets, Deployments and Services the sandbox holds for the bench's applications. */
function sandboxCounts() {
  const ours = (o: { metadata?: { namespace?: string } }) => /^app\d+$/.test(o.metadata?.namespace ?? '');
  const pods = sandbox.store.list('/pods').filter(ours);
  return {
    replicaSets: sandbox.store.list('apps/replicasets').filter(ours).length,
    pods: pods.length,
    readyPods: pods.filter((p) =>
      p.status?.conditions?.some(
        (c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True',
      ),
    ).length,
    deployments: sandbox.store.list('apps/deployments').filter(ours).length,
    services: sandbox.store.list('/services').filter(ours).length,
  };
}

// ---- clouddriver ---------------------------------------------------------------------------------

const redis = await startRedis({ ignoreEnv: true });
async function startClouddriver(): Promise<{ child: ChildProcess; base: string; readyMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
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
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clouddriver exited with ${child.exitCode}`);
    const res = await get(`${base}/health`).catch(() => ({ status: 0, text: '' }));
    if (res.status === 200) break;
    await sleep(20);
  }
  return { child, base, readyMs: performance.now() - t0 };
}
async function stopClouddriver(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

interface SgSummary {
  displayName: string;
  namespace: string;
  instances: unknown[];
}
/** What clouddriver's views show: applications, server groups and instances over every application. */
async function visible(base: string) {
  const apps = await getJson<{ name: string }[]>(`${base}/applications`);
  let serverGroups = 0;
  let instances = 0;
  for (const { name } of apps) {
    const sgs = await getJson<SgSummary[]>(`${base}/applications/${name}/serverGroups`);
    serverGroups += sgs.length;
    for (const sg of sgs) instances += sg.instances.length;
  }
  return { apps: apps.length, serverGroups, instances };
}
/**
 * Polls the views until they show every application, ReplicaSet and pod: the time from `t0` until
 * the end of the first complete sweep, and how long that sweep took (the figure's resolution).
 */
async function waitForViews(base: string, t0: number, want: { replicaSets: number; pods: number }) {
  const deadline = performance.now() + 180_000;
  for (;;) {
    const sweep = performance.now();
    const seen = await visible(base);
    const now = performance.now();
    if (seen.apps === APPS && seen.serverGroups === want.replicaSets && seen.instances === want.pods)
      return { ms: now - t0, sweepMs: now - sweep };
    if (performance.now() > deadline)
      throw new Error(`views incomplete after 180 s: ${JSON.stringify(seen)} want ${JSON.stringify(want)}`);
    await sleep(50);
  }
}

/** Requests `urlFor(i)` `REQUESTS` times with `inFlight` outstanding; each request's latency. */
async function load(urlFor: (i: number) => string, inFlight: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        const res = await get(urlFor(i));
        latencies.push(performance.now() - t);
        if (res.status !== 200)
          throw new Error(`${urlFor(i)} answered ${res.status}: ${res.text.slice(0, 300)}`);
      }
    }),
  );
  return latencies;
}

let child: ChildProcess | undefined;
try {
  console.log(
    `clouddriver scale bench: ${APPS} applications × (${CLUSTERS} clusters × ${VERSIONS} ReplicaSet versions × ${PODS} pods + a Deployment + ${CLUSTERS} Services); load average ${loadavg().map(f1).join(' ')}`,
  );
  // 1. clouddriver idle on an empty sandbox.
  const first = await startClouddriver();
  child = first.child;
  await sleep(500);
  const idleRss = rssMb(child.pid!) ?? NaN;
  console.log(`  clouddriver ready in ${first.readyMs.toFixed(0)} ms; idle RSS ${f1(idleRss)} MB`);

  // 2. Create everything; clouddriver's watches pick it up as the sandbox's controllers make the pods.
  const cpu0 = cpuSeconds(child.pid!);
  const ownCpu0 = process.cpuUsage();
  const t0 = performance.now();
  createAll();
  const createMs = performance.now() - t0;
  const want = {
    replicaSets: APPS * (CLUSTERS * VERSIONS + 1),
    pods: APPS * (CLUSTERS * VERSIONS * PODS + 2),
  };
  // The views are polled from the start, side by side with the sandbox's progress.
  const viewsComplete = waitForViews(first.base, t0, want);
  let podsMs = NaN;
  for (;;) {
    const c = sandboxCounts();
    if (Number.isNaN(podsMs) && c.replicaSets === want.replicaSets && c.pods === want.pods)
      podsMs = performance.now() - t0;
    if (c.replicaSets === want.replicaSets && c.readyPods === want.pods) break;
    if (performance.now() - t0 > 180_000) throw new Error(`sandbox incomplete: ${JSON.stringify(c)}`);
    await sleep(50);
  }
  const sandboxMs = performance.now() - t0;
  const { ms: watchSyncMs, sweepMs } = await viewsComplete;
  const syncCpu = cpuSeconds(child.pid!) - cpu0;
  const own = process.cpuUsage(ownCpu0);
  const sandboxCpu = (own.user + own.system) / 1e6;
  const counts = sandboxCounts();
  const objects = counts.replicaSets + counts.pods + counts.deployments + counts.services;
  console.log(
    `  created ${APPS} namespaces, ${APPS * CLUSTERS * VERSIONS} ReplicaSets, ${APPS} Deployments, ${counts.services} Services in ${createMs.toFixed(0)} ms;` +
      ` sandbox holds ${counts.replicaSets} ReplicaSets + ${counts.pods} pods after ${podsMs.toFixed(0)} ms, all ready after ${sandboxMs.toFixed(0)} ms`,
  );
  console.log(
    `  clouddriver views complete (watch-driven) ${watchSyncMs.toFixed(0)} ms after the first create, ${(watchSyncMs - podsMs).toFixed(0)} ms after the sandbox's last pod was created (one poll sweep of the views took ${sweepMs.toFixed(0)} ms); clouddriver used ${f1(syncCpu)} CPU s meanwhile (watch events and the polling views), the sandbox (this process) ${f1(sandboxCpu)} s`,
  );
  await sleep(500);
  const fullRss = rssMb(child.pid!) ?? NaN;
  await stopClouddriver(child);

  // 3. Cold start onto the full sandbox (initial lists), then the warm-cache figures on that process.
  const coldT0 = performance.now();
  const second = await startClouddriver();
  child = second.child;
  const { ms: coldSyncMs } = await waitForViews(second.base, coldT0, want);
  const coldRss = rssMb(child.pid!) ?? NaN;
  console.log(
    `  cold start onto the full sandbox: /health ${second.readyMs.toFixed(0)} ms, views complete ${coldSyncMs.toFixed(0)} ms after spawn; RSS ${f1(coldRss)} MB`,
  );

  const apps = Array.from({ length: APPS }, (_, a) => appName(a));
  const sgName = (i: number) => {
    const app = apps[i % APPS]!;
    const sg = `replicaSet ${app}-c${i % CLUSTERS}-v${String(i % VERSIONS).padStart(3, '0')}`;
    return `/serverGroups/${ACCOUNT}/${app}/${encodeURIComponent(sg)}`;
  };
  const views: [string, (i: number) => string][] = [
    ['/applications', () => '/applications'],
    ['/applications/{app}/clusters', (i) => `/applications/${apps[i % APPS]}/clusters`],
    ['/applications/{app}/serverGroups', (i) => `/applications/${apps[i % APPS]}/serverGroups`],
    ['/applications/{app}/loadBalancers', (i) => `/applications/${apps[i % APPS]}/loadBalancers`],
    ['/serverGroups/{account}/{ns}/{name}', sgName],
  ];
  const size = `(${APPS} apps, ${objects.toLocaleString('en-US')} objects)`;
  console.log(`  view latency over ${REQUESTS} requests each, warm cache ${size}:`);
  for (const [label, path] of views) {
    await load((i) => `${second.base}${path(i)}`, 1); // warm-up (JIT, sockets)
    const seq = await load((i) => `${second.base}${path(i)}`, 1);
    const tc = performance.now();
    const par = await load((i) => `${second.base}${path(i)}`, IN_FLIGHT);
    const perSecond = (REQUESTS / (performance.now() - tc)) * 1000;
    console.log(
      `    ${label.padEnd(36)} sequential p50 ${f1(pct(seq, 0.5))} p99 ${f1(pct(seq, 0.99))} ms; ` +
        `${IN_FLIGHT} in flight p50 ${f1(pct(par, 0.5))} p99 ${f1(pct(par, 0.99))} ms, ${perSecond.toFixed(0)}/s`,
    );
    rows.push(
      { metric: `clouddriver ${label} p50 ${size}`, value: pct(seq, 0.5), unit: 'ms' },
      {
        metric: `clouddriver ${label} p99 ${size}`,
        value: pct(seq, 0.99),
        unit: 'ms',
        target: { op: '<', value: 100 },
      },
      {
        metric: `clouddriver ${label} p99, ${IN_FLIGHT} in flight ${size}`,
        value: pct(par, 0.99),
        unit: 'ms',
        target: { op: '<', value: 500 },
      },
    );
  }
  const loadedRss = rssMb(child.pid!) ?? NaN;
  const perThousand = ((fullRss - idleRss) / objects) * 1000;
  console.log(
    `  RSS idle ${f1(idleRss)} MB, full cache ${f1(fullRss)} MB (same process): ${f1(perThousand)} MB per 1,000 objects; cold-started process ${f1(coldRss)} MB, after the load ${f1(loadedRss)} MB`,
  );
  console.log(`  load average ${loadavg().map(f1).join(' ')}`);
  rows.push(
    {
      metric: `clouddriver watch-driven sync, last pod created → views complete ${size}`,
      value: (watchSyncMs - podsMs) / 1000,
      unit: 's',
    },
    { metric: `clouddriver cold start → views complete ${size}`, value: coldSyncMs / 1000, unit: 's' },
    { metric: `clouddriver CPU during the watch-driven sync ${size}`, value: syncCpu, unit: 's' },
    { metric: 'clouddriver RSS idle (empty cache)', value: idleRss, unit: 'MB' },
    { metric: `clouddriver RSS full cache ${size}`, value: fullRss, unit: 'MB' },
    { metric: `clouddriver RSS after cold start + view load ${size}`, value: loadedRss, unit: 'MB' },
    {
      metric: 'clouddriver RSS per 1,000 cached objects',
      value: perThousand,
      unit: 'MB',
      target: { op: '<', value: 10 },
    },
  );
  report(rows);
} finally {
  if (child) await stopClouddriver(child);
  agent.destroy();
  await Promise.all([sandbox.stop(), redis.stop()]);
}
