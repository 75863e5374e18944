/**
 * The whole suite, started as `npm start` starts it (`scripts/local-stack/main.ts`, fresh state
 * dir, embedded Redis, S3 store and kube sandbox): time from launch until every service answers
 * /health (target < 10 s), then — after it has idled — the resident memory of each service and of
 * the whole suite (targets < 150 MB per service, < 1 GB total; Spinnaker asks for 18 GB).
 * Run: `npm run bench -- suite` (env: BENCH_COLD_STARTS, BENCH_IDLE_SECONDS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, type ServiceName } from '@genoa/shared';
import { spawnSync } from 'node:child_process';
import { descendants, rssMb, spawnManaged, stackPartOf, type ManagedProcess } from '@genoa/testing';
import { report, sized, type BenchRow } from './report.js';

const STARTS = sized(3, 1, 'BENCH_COLD_STARTS');
const IDLE_SECONDS = sized(30, 8, 'BENCH_IDLE_SECONDS');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = Object.keys(defaultPorts) as ServiceName[];
const offset = 20_000 + Math.floor(Math.random() * 5_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function healthy(name: ServiceName): Promise<boolean> {
  return fetch(`http://127.0.0.1:${defaultPorts[name] + offset}/health`, {
    signal: AbortSignal.timeout(1_000),
  })
    .then((r) => r.status === 200)
    .catch(() => false);
}

/** Launches the stack; resolves with the seconds until all seven /health answer 200. */
async function coldStart(stateDir: string): Promise<{ stack: ManagedProcess; seconds: number }> {
  const began = performance.now();
  const stack = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/local-stack/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        GENOA_STATE_DIR: stateDir,
        GENOA_PORT_OFFSET: String(offset),
        LOG_LEVEL: 'warn',
      },
    },
  );
  const pending = new Set(services);
  while (pending.size) {
    if (stack.child.exitCode !== null) throw new Error(`the stack exited:\n${stack.output()}`);
    if (performance.now() - began > 120_000) throw new Error(`not healthy after 120 s:\n${stack.output()}`);
    for (const name of [...pending]) if (await healthy(name)) pending.delete(name);
    if (pending.size) await sleep(50);
  }
  return { stack, seconds: (performance.now() - began) / 1000 };
}

async function stopStack(stack: ManagedProcess): Promise<void> {
  stack.child.kill('SIGINT');
  const timer = setTimeout(() => stack.child.kill('SIGKILL'), 20_000);
  await stack.exited;
  clearTimeout(timer);
}

// The launcher builds deck's bundle when it is stale; do that first, with the launcher's own code,
// so the cold start measures starting the suite, not building the UI.
const bundled = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    `const m = await import(${JSON.stringify(join(root, 'scripts/local-stack/deck-bundle.ts'))});
     const dir = ${JSON.stringify(join(root, 'services/deck'))};
     if (m.deckBundleIsStale(dir)) { console.log('building the deck bundle first'); await m.buildDeckBundle(dir); }`,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (bundled.status !== 0) throw new Error('building the deck bundle failed');

const seconds: number[] = [];
const rows: BenchRow[] = [];
for (let run = 1; run <= STARTS; run += 1) {
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-bench-suite-'));
  const { stack, seconds: s } = await coldStart(stateDir);
  seconds.push(s);
  process.stdout.write(`cold start ${run}/${STARTS}: all seven healthy after ${s.toFixed(2)} s\n`);
  try {
    if (run < STARTS) continue;
    process.stdout.write(`idling ${IDLE_SECONDS} s before reading memory\n`);
    await sleep(IDLE_SECONDS * 1000);
    const byPart = new Map<string, number>();
    for (const pid of descendants(stack.child.pid!)) {
      const part = stackPartOf(pid);
      const mb = rssMb(pid);
      if (part && mb !== undefined) byPart.set(part, (byPart.get(part) ?? 0) + mb);
    }
    const launcher = rssMb(stack.child.pid!) ?? NaN;
    for (const name of services) {
      const mb = byPart.get(name) ?? NaN;
      process.stdout.write(`  ${name.padEnd(12)} ${mb.toFixed(1).padStart(7)} MiB RSS\n`);
      rows.push({ metric: `idle RSS: ${name}`, value: mb, unit: 'MB', target: { op: '<', value: 150 } });
    }
    const total = services.reduce((n, name) => n + (byPart.get(name) ?? NaN), 0);
    const infra = (byPart.get('redis') ?? 0) + (byPart.get('s3') ?? 0) + launcher;
    process.stdout.write(
      `  seven services ${total.toFixed(1)} MiB; redis ${byPart.get('redis')?.toFixed(1)} MiB, S3 store ` +
        `${byPart.get('s3')?.toFixed(1)} MiB, launcher with kube sandbox ${launcher.toFixed(1)} MiB\n`,
    );
    rows.push({
      metric: 'idle RSS: seven services total',
      value: total,
      unit: 'MB',
      target: { op: '<', value: 1024 },
    });
    rows.push({
      metric: 'idle RSS: with Redis, S3 store, launcher + kube sandbox',
      value: total + infra,
      unit: 'MB',
    });
  } finally {
    await stopStack(stack);
    rmSync(stateDir, { recursive: true, force: true });
  }
}
rows.unshift({
  metric: `suite cold start to all-healthy (median of ${STARTS})`,
  value: median(seconds),
  unit: 's',
  target: { op: '<', value: 10 },
});
report(rows);
