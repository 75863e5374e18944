/**
 * front50 at 10,000 pipelines: seeds 10,000 pipelines over 500 applications straight into an S3
 * bucket (Spinnaker's layout, as a bucket written by Spinnaker's front50 would be), starts two
 * real front50 processes on it, and prints read/write figures next to the naive way Spinnaker's
 * front50 refreshes (list every key + GET every object, 10 at a time).
 *
 * Run: pnpm --filter @genoa/bench exec tsx front50.bench.ts   (env: BENCH_PIPELINES, BENCH_APPS)
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fixturePipelines,
  freePort,
  spawnManaged,
  startS3,
  uniqueName,
  type ManagedProcess,
} from '@genoa/testing';
import { Client } from 'minio';
import { report, sized } from './report.js';

const PIPELINES = sized(10_000, 500, 'BENCH_PIPELINES');
const APPS = sized(500, 25, 'BENCH_APPS');
const READS = sized(1000, 200);
const SAVES = sized(100, 20);
const ROOT = 'front50';
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const appName = (i: number): string => `app-${String(i % APPS).padStart(3, '0')}`;

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function startFront50(
  env: Record<string, string>,
): Promise<{ url: string; proc: ManagedProcess; readyMs: number; loadMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'services/front50/src/main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`front50 exited: ${proc.output()}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (performance.now() - started > 180_000) throw new Error(`front50 not ready: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  const loadLine = proc
    .output()
    .split('\n')
    .find((l) => l.includes('"indexes loaded"'));
  const loadMs = loadLine ? Number((JSON.parse(loadLine) as { durationMs: number }).durationMs) : NaN;
  return { url, proc, readyMs, loadMs };
}

/** Replica A writes its pipeline index snapshot in the background after its first start. */
async function waitForSnapshot(client: Client, bucket: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const found = await client.statObject(bucket, `${ROOT}/.genoa/snapshots/pipeline.json`).then(
      () => true,
      () => false,
    );
    if (found) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no pipeline snapshot was written');
}

/** The naive read: list every pipeline key, GET every object (10 in flight), then filter. */
async function naiveRead(client: Client, bucket: string, application?: string): Promise<number> {
  const keys: string[] = [];
  const stream = client.listObjectsV2(bucket, `${ROOT}/pipelines/`, true);
  for await (const item of stream as AsyncIterable<{ name?: string }>) {
    if (item.name?.endsWith('/pipeline-metadata.json')) keys.push(item.name);
  }
  let matched = 0;
  await mapLimit(keys, 10, async (key) => {
    const body = await new Response(
      (await client.getObject(bucket, key)) as unknown as ReadableStream,
    ).text();
    const pipeline = JSON.parse(body) as { application?: string };
    if (!application || pipeline.application === application) matched++;
  });
  return matched;
}

async function main(): Promise<void> {
  const s3 = await startS3();
  const bucket = uniqueName('bench');
  const url = new URL(s3.endpoint);
  const client = new Client({
    endPoint: url.hostname,
    port: Number(url.port),
    useSSL: false,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    pathStyle: true,
    transportAgent: new Agent({ keepAlive: true, maxSockets: 64 }),
  });
  const procs: ManagedProcess[] = [];
  try {
    await client.makeBucket(bucket, s3.region);
    const templates = fixturePipelines().map((f) => f.pipeline);
    const seeds = Array.from({ length: PIPELINES }, (_, i) => {
      const template = templates[i % templates.length]!;
      const id = randomUUID();
      return {
        key: `${ROOT}/pipelines/${id}/pipeline-metadata.json`,
        body: JSON.stringify({
          ...template,
          id,
          application: appName(i),
          name: `pipeline-${i}`,
          updateTs: String(Date.now()),
        }),
      };
    });
    const apps = Array.from({ length: APPS }, (_, i) => ({
      key: `${ROOT}/applications/${appName(i)}/application-metadata.json`,
      body: JSON.stringify({
        name: appName(i).toUpperCase(),
        email: 'team@example.com',
        cloudProviders: 'kubernetes',
      }),
    }));
    const bytes = seeds.reduce((n, s) => n + s.body.length, 0);
    const [seedMs] = await timed(() =>
      mapLimit([...seeds, ...apps], 32, async ({ key, body }) => {
        await client.putObject(bucket, key, Buffer.from(body), undefined, {
          'Content-Type': 'application/json',
        });
      }),
    );
    await client.putObject(
      bucket,
      `${ROOT}/pipelines/last-modified.json`,
      JSON.stringify({ lastModified: Date.now() }),
    );

    const env = {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_REGION: s3.region,
      FRONT50_BUCKET: bucket,
      FRONT50_ROOT_FOLDER: ROOT,
    };
    const a = await startFront50(env);
    procs.push(a.proc);
    await waitForSnapshot(client, bucket);
    const b = await startFront50(env);
    procs.push(b.proc);

    // GET /pipelines/{app}: 1,000 sequential reads over random applications, after a warm-up.
    for (let i = 0; i < 50; i++) await getJson(`${a.url}/pipelines/${appName(i)}`);
    const perApp: number[] = [];
    for (let i = 0; i < READS; i++) {
      const [t, list] = await timed(() =>
        getJson(`${a.url}/pipelines/${appName(Math.floor(Math.random() * APPS))}`),
      );
      if ((list as unknown[]).length !== PIPELINES / APPS) throw new Error('unexpected pipeline count');
      perApp.push(t);
    }
    // GET /pipelines (all).
    // Timed to the last byte received; the client's own JSON.parse of the body is reported apart.
    const listAll: number[] = [];
    const listAllParse: number[] = [];
    for (let i = 0; i < 15; i++) {
      const [t, body] = await timed(async () => (await fetch(`${a.url}/pipelines`)).text());
      const [tParse, list] = await timed(async () => JSON.parse(body) as unknown[]);
      if (list.length !== PIPELINES) throw new Error(`list-all returned ${list.length}`);
      listAll.push(t);
      listAllParse.push(tParse);
    }
    // GET /pipelines right after a write (the cached body is rebuilt once per change).
    const listAfterWrite: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [current] = (await getJson(`${a.url}/pipelines/${appName(i)}`)) as Record<string, unknown>[];
      const saved = await fetch(`${a.url}/pipelines`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...current, description: `rebuild ${i}` }),
      });
      if (!saved.ok) throw new Error(`save failed: ${saved.status}`);
      listAfterWrite.push((await timed(async () => (await fetch(`${a.url}/pipelines`)).text()))[0]);
    }
    // Save on A -> visible in GET /pipelines/{app} on B.
    const saveToVisible: number[] = [];
    const saveOnly: number[] = [];
    let maxReads = 0;
    for (let i = 0; i < SAVES; i++) {
      const application = appName(i);
      const [current] = (await getJson(`${a.url}/pipelines/${application}`)) as Record<string, unknown>[];
      const marker = randomUUID();
      const start = performance.now();
      const saved = await fetch(`${a.url}/pipelines`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...current, description: marker }),
      });
      if (!saved.ok) throw new Error(`save failed: ${saved.status} ${await saved.text()}`);
      saveOnly.push(performance.now() - start);
      for (let polls = 0; ; polls++) {
        const list = (await getJson(`${b.url}/pipelines/${application}`)) as { description?: string }[];
        if (list.some((p) => p.description === marker)) {
          maxReads = Math.max(maxReads, polls + 1);
          break;
        }
        if (polls > 1000) throw new Error('save never became visible on the other replica');
      }
      saveToVisible.push(performance.now() - start);
    }
    // The naive way, in the same run: list + GET every object (Spinnaker's refresh).
    const naiveApp: number[] = [];
    const naiveAll: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [tApp, matched] = await timed(() => naiveRead(client, bucket, appName(i)));
      if (matched !== PIPELINES / APPS) throw new Error(`naive read matched ${matched}`);
      naiveApp.push(tApp);
      naiveAll.push((await timed(() => naiveRead(client, bucket)))[0]);
    }

    const perAppP50 = percentile(perApp, 50);
    const listAllP50 = percentile(listAll, 50);
    const rows: [string, string, string, string][] = [
      ['GET /pipelines/{app} p50', ms(perAppP50), '< 10', ms(percentile(naiveApp, 50))],
      ['GET /pipelines/{app} p99', ms(percentile(perApp, 99)), '', ''],
      ['GET /pipelines (all) p50, to last byte', ms(listAllP50), '< 300', ms(percentile(naiveAll, 50))],
      ['  + client JSON.parse of the body p50', ms(percentile(listAllParse, 50)), '', ''],
      ['GET /pipelines (all) right after a write p50', ms(percentile(listAfterWrite, 50)), '', ''],
      [
        'save -> visible on other replica p50',
        ms(percentile(saveToVisible, 50)),
        '< 50',
        'up to 60000 (refresh)',
      ],
      ['save -> visible on other replica p99', ms(percentile(saveToVisible, 99)), '', ''],
      ['  of which POST /pipelines p50', ms(percentile(saveOnly, 50)), '', ''],
      [`  reads on the other replica until visible (max of ${SAVES})`, String(maxReads), '1', ''],
      ['cold start to ready, A (Spinnaker-written bucket, no snapshot)', ms(a.readyMs), '', ''],
      ['  of which index load', ms(a.loadMs), '', ''],
      ['cold start to ready, B (from snapshot + change log)', ms(b.readyMs), '', ''],
      ['  of which index load', ms(b.loadMs), '', ''],
    ];
    const out = [
      `front50 benchmark: ${PIPELINES} pipelines over ${APPS} applications (${(bytes / 1e6).toFixed(1)} MB of pipeline JSON), s3rver on ${process.platform}/${process.arch}, node ${process.version}`,
      `seeded in ${ms(seedMs)} ms (32 parallel PUTs); ${cpus().length} cores, load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
      '',
      `| measure | Genoa (ms) | target (ms) | naive list+GET (ms) |`,
      `| --- | ---: | ---: | ---: |`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
      `ratio naive/Genoa: GET /pipelines/{app} ${(percentile(naiveApp, 50) / perAppP50).toFixed(0)}x, GET /pipelines ${(percentile(naiveAll, 50) / listAllP50).toFixed(1)}x`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    const scale = `${PIPELINES.toLocaleString('en-US')} pipelines`;
    report([
      {
        metric: `front50 GET /pipelines/{app} p50 (${scale})`,
        value: perAppP50,
        unit: 'ms',
        comparison: { label: 'naive list+GET', value: percentile(naiveApp, 50) },
        target: { op: '<', value: 10 },
      },
      {
        metric: `front50 GET /pipelines (all) p50 (${scale})`,
        value: listAllP50,
        unit: 'ms',
        comparison: { label: 'naive list+GET', value: percentile(naiveAll, 50) },
        target: { op: '<', value: 300 },
      },
      {
        metric: 'front50 save → visible on other replica p50',
        value: percentile(saveToVisible, 50),
        unit: 'ms',
        target: { op: '<', value: 50 },
      },
      {
        metric: 'front50 save → visible on other replica p99',
        value: percentile(saveToVisible, 99),
        unit: 'ms',
      },
    ]);
  } finally {
    for (const proc of procs) await proc.stop();
    await s3.stop();
  }
}

await main();
