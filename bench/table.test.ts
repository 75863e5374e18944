import { describe, expect, it } from 'vitest';
import { ROW_MARKER, type BenchRow } from './report.js';
import { formatComparison, formatTable, parseBenchOutput, toTableRow } from './table.js';

const row = (r: Partial<BenchRow> & { metric: string; value: number }): string =>
  `${ROW_MARKER}${JSON.stringify({ unit: 'ms', ...r })}`;

describe('the suite benchmark table', () => {
  it('takes the rows out of a bench output and leaves the human-readable lines', () => {
    const out = [
      'front50 benchmark: 500 pipelines',
      row({ metric: 'GET /pipelines/{app} p50', value: 4, target: { op: '<', value: 10 } }),
      row({ metric: 'list all p50', value: 400, comparison: { label: 'naive', value: 8000 } }),
      `${ROW_MARKER}{not json`,
    ].join('\n');
    const { rows, text } = parseBenchOutput('front50.bench.ts', out);
    expect(text).toEqual(['front50 benchmark: 500 pipelines', `${ROW_MARKER}{not json`]);
    expect(rows).toEqual([
      {
        bench: 'front50.bench.ts',
        metric: 'GET /pipelines/{app} p50',
        value: 4,
        unit: 'ms',
        target: { op: '<', value: 10 },
        pass: true,
      },
      {
        bench: 'front50.bench.ts',
        metric: 'list all p50',
        value: 400,
        unit: 'ms',
        comparison: { label: 'naive', value: 8000 },
        ratio: 0.05,
      },
    ]);
  });

  it('judges each target operator, and a non-finite value fails', () => {
    const judge = (value: number, op: '<' | '<=' | '>' | '>=', target: number) =>
      toTableRow('b', { metric: 'm', value, unit: 'x', target: { op, value: target } }).pass;
    expect([
      judge(1, '<', 2),
      judge(2, '<', 2),
      judge(2, '<=', 2),
      judge(3, '>', 2),
      judge(2, '>=', 3),
    ]).toEqual([true, false, true, true, false]);
    expect(judge(NaN, '<', 2)).toBe(false);
  });

  it('prints one aligned table with ratio, target, result, and says which benches gave no rows', () => {
    const table = formatTable([
      {
        bench: 'a.bench.ts',
        exitCode: 0,
        seconds: 1,
        rows: [
          toTableRow('a.bench.ts', {
            metric: 'engine messages/s',
            value: 12_345.6,
            unit: '/s',
            comparison: { label: 'raw BullMQ', value: 20_000 },
            target: { op: '>=', value: 10_000 },
          }),
          toTableRow('a.bench.ts', {
            metric: 'cold start',
            value: 12.3,
            unit: 's',
            target: { op: '<', value: 10 },
          }),
        ],
      },
      { bench: 'quiet.bench.ts', exitCode: 0, seconds: 1, rows: [] },
      { bench: 'broken.bench.ts', exitCode: 1, seconds: 1, rows: [] },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^metric\s+value\s+comparison \(same run\)\s+ratio\s+target\s+result\s+bench$/);
    expect(lines[2]).toMatch(
      /^engine messages\/s\s+12,346 \/s\s+20,000 \(raw BullMQ\)\s+0\.62×\s+>= 10,000\s+pass\s+a\.bench\.ts$/,
    );
    expect(lines[3]).toMatch(/^cold start\s+12\.3 s\s+< 10\s+FAIL\s+a\.bench\.ts$/);
    expect(lines[4]).toContain('quiet.bench.ts: reported no rows');
    expect(lines[5]).toContain('broken.bench.ts: failed (exit 1)');
    expect(lines.at(-1)).toBe('2 figures from 3 benches; 1/2 targets met, 1 missed');
    expect(new Set(lines.slice(0, 4).map((l) => l.length)).size).toBe(1);
  });

  it('compares a run with an earlier one by bench and metric', () => {
    const before = [
      toTableRow('a', { metric: 'p50', value: 10, unit: 'ms', target: { op: '<', value: 12 } }),
      toTableRow('a', { metric: 'gone', value: 1, unit: 'ms' }),
    ];
    const now = [
      toTableRow('a', { metric: 'p50', value: 15, unit: 'ms', target: { op: '<', value: 12 } }),
      toTableRow('a', { metric: 'fresh', value: 2, unit: 'ms' }),
    ];
    const text = formatComparison(now, before);
    expect(text).toMatch(/p50\s+10 ms\s+15 ms\s+\+50\.0 %\s+pass → FAIL/);
    expect(text).toMatch(/fresh\s+\(new\)\s+2 ms/);
    expect(text).toMatch(/gone\s+1 ms\s+\(not measured\)/);
  });
});
