import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'genoa-run-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reportTs = JSON.stringify(join(here, 'report.ts'));
writeFileSync(
  join(dir, 'a-fast.bench.ts'),
  `import { report, quick } from ${reportTs};
console.log('human-readable line');
report([{ metric: 'p50', value: quick ? 4 : 40, unit: 'ms', target: { op: '<', value: 10 }, comparison: { label: 'naive', value: 400 } }]);`,
);
writeFileSync(join(dir, 'b-quiet.bench.ts'), `console.log('no rows from me');`);
writeFileSync(join(dir, 'c-broken.bench.ts'), `throw new Error('boom');`);

const runAll = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(here, 'run-all.ts'), '--dir', dir, ...args], {
    encoding: 'utf8',
    cwd: here,
  });

describe('npm run bench (run-all)', () => {
  it('echoes each bench, prints one table, saves the run as JSON, and compares with an earlier run', () => {
    const first = runAll('--quick', '--json', join(dir, 'first.json'));
    expect(first.status).toBe(1); // c-broken failed
    expect(first.stdout).toContain('### a-fast.bench.ts\nhuman-readable line\n');
    expect(first.stdout).not.toMatch(/^BENCH_ROW/m);
    expect(first.stdout).toMatch(/p50\s+4 ms\s+400 \(naive\)\s+0\.010×\s+< 10\s+pass\s+a-fast\.bench\.ts/);
    expect(first.stdout).toContain('b-quiet.bench.ts: reported no rows');
    expect(first.stdout).toContain('c-broken.bench.ts: failed (exit 1)');
    expect(first.stdout).toContain('1 figures from 3 benches; 1/1 targets met');
    const saved = JSON.parse(readFileSync(join(dir, 'first.json'), 'utf8')) as RunResult;
    expect(saved.quick).toBe(true);
    expect(saved.benches.map((b) => [b.bench, b.exitCode, b.rows])).toEqual([
      ['a-fast.bench.ts', 0, 1],
      ['b-quiet.bench.ts', 0, 0],
      ['c-broken.bench.ts', 1, 0],
    ]);
    expect(saved.rows).toEqual([
      expect.objectContaining({ bench: 'a-fast.bench.ts', metric: 'p50', value: 4, ratio: 0.01, pass: true }),
    ]);
    expect(readdirSync(join(dir, 'results'))).toHaveLength(1);

    const second = runAll('a-fast', '--compare', join(dir, 'first.json'));
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/p50\s+4 ms\s+40 ms\s+\+900\.0 %\s+pass → FAIL/);
  }, 60_000);
});
