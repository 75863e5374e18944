/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, one after another (so they do not
 * compete for the cores), each in its own process, shows their output as it comes, then prints
 * ONE table of the figures they reported (see report.ts) and saves it as JSON.
 *
 *   npm run bench                          every benchmark, full size
 *   npm run bench -- front50 orca          only benches whose file name contains one of the words
 *   npm run bench -- --quick               small sizes (CI smoke; figures are not comparable)
 *   npm run bench -- --json out.json       also write the run to out.json
 *   npm run bench -- --compare old.json    print deltas against an earlier run
 *
 * Every run is saved as `bench/results/<timestamp>.json` (git-ignored). `--dir <path>` runs the
 * benches of another folder (run-all's own test uses it).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatComparison,
  formatTable,
  parseBenchOutput,
  type BenchOutcome,
  type RunResult,
} from './table.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Args {
  filters: string[];
  quick: boolean;
  /** Where the benches are (this folder; another one in run-all's own test). */
  dir: string;
  json?: string;
  compare?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { filters: [], quick: false, dir: here };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--json' || a === '--compare' || a === '--dir') {
      const value = argv[++i];
      if (!value) throw new Error(`${a} needs a path`);
      args[a.slice(2) as 'json' | 'compare' | 'dir'] = resolve(process.env.INIT_CWD ?? process.cwd(), value);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.filters.push(a);
  }
  return args;
}

/** Runs one bench, echoing its human-readable output, and collects its rows. */
function runBench(dir: string, bench: string, quick: boolean): Promise<BenchOutcome> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(dir, bench)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: here,
    env: { ...process.env, ...(quick ? { BENCH_QUICK: '1' } : {}) },
  });
  let stdout = '';
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    const { text } = parseBenchOutput(bench, lines.join('\n'));
    if (lines.length) process.stdout.write(`${text.join('\n')}\n`);
  });
  return new Promise((done) => {
    child.once('close', (code) => {
      if (pending) process.stdout.write(`${parseBenchOutput(bench, pending).text.join('\n')}\n`);
      const seconds = (performance.now() - started) / 1000;
      done({ bench, exitCode: code, seconds, rows: parseBenchOutput(bench, stdout).rows });
    });
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const benches = readdirSync(args.dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.filters.length === 0 || args.filters.some((x) => f.includes(x)))
    .sort();
  if (benches.length === 0) {
    process.stdout.write('no benchmarks matched\n');
    return args.filters.length === 0 ? 0 : 1;
  }
  const startedAt = new Date();
  const outcomes: BenchOutcome[] = [];
  for (const bench of benches) {
    process.stdout.write(`\n### ${bench}\n`);
    outcomes.push(await runBench(args.dir, bench, args.quick));
  }
  const result: RunResult = {
    startedAt: startedAt.toISOString(),
    quick: args.quick,
    host: {
      cores: cpus().length,
      loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
    },
    benches: outcomes.map((o) => ({
      bench: o.bench,
      exitCode: o.exitCode,
      seconds: Number(o.seconds.toFixed(1)),
      rows: o.rows.length,
    })),
    rows: outcomes.flatMap((o) => o.rows),
  };
  process.stdout.write(
    `\n## Genoa benchmarks${args.quick ? ' (--quick: small sizes, not comparable)' : ''}, ` +
      `${result.host.cores} cores, load average ${result.host.loadAverage.join(' / ')}\n\n`,
  );
  process.stdout.write(`${formatTable(outcomes)}\n`);
  const resultsDir = join(args.dir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const saved = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(saved, json);
  if (args.json) writeFileSync(args.json, json);
  process.stdout.write(`\nsaved ${saved}${args.json ? ` and ${args.json}` : ''}\n`);
  if (args.compare) {
    const previous = JSON.parse(readFileSync(args.compare, 'utf8')) as RunResult;
    process.stdout.write(`\n## compared with ${args.compare} (${previous.startedAt})\n\n`);
    process.stdout.write(`${formatComparison(result.rows, previous.rows)}\n`);
  }
  return outcomes.every((o) => o.exitCode === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
