/**
 * kube-sandbox benchmark: 10,000 ConfigMaps — create throughput, list latency (full and paged),
 * Table pages (what `kubectl get` requests), watch fan-out to 20 watchers, heap use. Run: `npm run bench -- kube-sandbox`.
 */
import { request } from 'node:http';
import { startKubeSandbox } from '@genoa/kube-sandbox';
import { report, sized } from './report.js';

const N = sized(10_000, 1_000, 'BENCH_OBJECTS');
const WATCHERS = 20;

function get(url: string, accept = 'application/json'): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { accept } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

global.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = process.hrtime.bigint();
const sb = await startKubeSandbox({ historyLimit: N + 1000 });
const startup = ms(t0);
const rt = sb.api.type('v1', 'ConfigMap');
const base = `${sb.url}/api/v1/namespaces/default/configmaps`;

// 20 watchers, each counting events until it has seen N.
const watchersDone = Array.from(
  { length: WATCHERS },
  () =>
    new Promise<number>((resolve, reject) => {
      request(
        `${base}?watch=1&resourceVersion=${sb.store.resourceVersion}&labelSelector=bench%3D1`,
        (res) => {
          let seen = 0;
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            buf += c;
            let i;
            while ((i = buf.indexOf('\n')) >= 0) {
              buf = buf.slice(i + 1);
              if (++seen === N) {
                resolve(Number(process.hrtime.bigint()));
                res.destroy();
              }
            }
          });
        },
      )
        .on('error', reject)
        .end();
    }),
);
await new Promise((r) => setTimeout(r, 200));

const tc = process.hrtime.bigint();
for (let i = 0; i < N; i++) {
  sb.api.create(
    rt,
    'default',
    {
      metadata: { name: `cm-${String(i).padStart(5, '0')}`, labels: { bench: '1', shard: String(i % 10) } },
      data: { value: `v${i}`, blob: 'x'.repeat(200) },
    },
    { fieldManager: 'bench' },
  );
}
const createMs = ms(tc);
const lastWatcher = Math.max(...(await Promise.all(watchersDone)));
const fanoutMs = (lastWatcher - Number(tc)) / 1e6;

const full: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = process.hrtime.bigint();
  const body = await get(base);
  full.push(ms(t));
  if (i === 0 && JSON.parse(body).items.length < N) throw new Error('list incomplete');
}
const paged: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = process.hrtime.bigint();
  await get(`${base}?limit=500`);
  paged.push(ms(t));
}
const selected: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = process.hrtime.bigint();
  await get(`${base}?labelSelector=shard%3D3`);
  selected.push(ms(t));
}
// What `kubectl get configmaps` asks for: a server-side Table, 500 rows per page.
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const tables: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = process.hrtime.bigint();
  const body = await get(`${base}?limit=500`, TABLE);
  tables.push(ms(t));
  if (i === 0 && JSON.parse(body).rows.length !== 500) throw new Error('table page incomplete');
}
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
await sb.stop();

const f = (x: number): string => x.toFixed(1);
console.log(`kube-sandbox bench (${N} ConfigMaps, ${WATCHERS} watchers)`);
console.log(`  startup                         ${f(startup)} ms`);
console.log(
  `  create ${N} (in-process, with ${WATCHERS} watchers) ${f(createMs)} ms (${f((N / createMs) * 1000)}/s)`,
);
console.log(`  watch fan-out: all ${WATCHERS} watchers saw all ${N} events after ${f(fanoutMs)} ms`);
console.log(`  LIST all ${N} (HTTP)            p50 ${f(pct(full, 0.5))} ms  p95 ${f(pct(full, 0.95))} ms`);
console.log(`  LIST limit=500 (HTTP)           p50 ${f(pct(paged, 0.5))} ms  p95 ${f(pct(paged, 0.95))} ms`);
console.log(
  `  LIST labelSelector 1/10 (HTTP)  p50 ${f(pct(selected, 0.5))} ms  p95 ${f(pct(selected, 0.95))} ms`,
);
console.log(
  `  LIST limit=500 as Table (HTTP)  p50 ${f(pct(tables, 0.5))} ms  p95 ${f(pct(tables, 0.95))} ms`,
);
console.log(`  heap growth                     ${f(heapMb)} MiB`);
report([
  {
    metric: `kube-sandbox creates/s (${N} ConfigMaps, ${WATCHERS} watchers)`,
    value: (N / createMs) * 1000,
    unit: '/s',
  },
  { metric: `kube-sandbox watch fan-out to ${WATCHERS} watchers`, value: fanoutMs, unit: 'ms' },
  { metric: `kube-sandbox LIST all ${N} p50`, value: pct(full, 0.5), unit: 'ms' },
  { metric: 'kube-sandbox LIST limit=500 as Table p50', value: pct(tables, 0.5), unit: 'ms' },
]);
