/**
 * The suite table: collects the rows benches report (see report.ts), judges them against their
 * targets, formats them, and compares a run with an earlier one. Pure functions, unit-tested.
 */
import { ROW_MARKER, type BenchRow, type TableRow, type Target } from './report.js';

/** What one bench process produced. */
export interface BenchOutcome {
  bench: string;
  exitCode: number | null;
  seconds: number;
  rows: TableRow[];
}

/** The saved form of a run (`bench/results/<timestamp>.json`, `--json <path>`). */
export interface RunResult {
  startedAt: string;
  quick: boolean;
  host: { cores: number; loadAverage: number[]; node: string; platform: string };
  benches: { bench: string; exitCode: number | null; seconds: number; rows: number }[];
  rows: TableRow[];
}

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
  }
}

/** The table row of a reported row: ratio against its comparison, pass against its target. */
export function toTableRow(bench: string, row: BenchRow): TableRow {
  const ratio =
    row.comparison && row.comparison.value !== 0 && Number.isFinite(row.comparison.value)
      ? row.value / row.comparison.value
      : undefined;
  return {
    ...row,
    bench,
    ...(ratio === undefined ? {} : { ratio }),
    ...(row.target ? { pass: Number.isFinite(row.value) && meets(row.value, row.target) } : {}),
  };
}

/**
 * Splits a bench's stdout into its rows and the rest (the human-readable part). A marker line
 * that is not valid JSON is kept as text, so a broken row is seen rather than lost.
 */
export function parseBenchOutput(bench: string, stdout: string): { rows: TableRow[]; text: string[] } {
  const rows: TableRow[] = [];
  const text: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(ROW_MARKER)) {
      text.push(line);
      continue;
    }
    try {
      rows.push(toTableRow(bench, JSON.parse(line.slice(ROW_MARKER.length)) as BenchRow));
    } catch {
      text.push(line);
    }
  }
  return { rows, text };
}

/** A number as the table shows it: no more digits than it means. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (Number.isInteger(n) || abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1 || abs === 0) return n.toFixed(2);
  return n.toPrecision(2);
}

const targetText = (t?: Target) => (t ? `${t.op} ${formatNumber(t.value)}` : '');
const verdict = (pass?: boolean) => (pass === undefined ? '' : pass ? 'pass' : 'FAIL');

/** Pads a table of cells into aligned columns (first column left, the others right). */
function align(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

/** The one table `npm run bench` prints at the end. */
export function formatTable(outcomes: BenchOutcome[]): string {
  const body: string[][] = [];
  for (const outcome of outcomes) {
    if (outcome.rows.length === 0) {
      const why = outcome.exitCode === 0 ? 'reported no rows' : `failed (exit ${outcome.exitCode})`;
      body.push([`${outcome.bench}: ${why}`, '', '', '', '', '', '']);
      continue;
    }
    for (const row of outcome.rows)
      body.push([
        row.metric,
        `${formatNumber(row.value)} ${row.unit}`,
        row.comparison ? `${formatNumber(row.comparison.value)} (${row.comparison.label})` : '',
        row.ratio === undefined ? '' : `${formatNumber(row.ratio)}×`,
        targetText(row.target),
        verdict(row.pass),
        row.bench,
      ]);
    if (outcome.exitCode !== 0)
      body.push([
        `${outcome.bench}: failed (exit ${outcome.exitCode}) after these rows`,
        '',
        '',
        '',
        '',
        '',
        '',
      ]);
  }
  const rows = outcomes.flatMap((o) => o.rows);
  const judged = rows.filter((r) => r.pass !== undefined);
  const failed = judged.filter((r) => r.pass === false).length;
  return [
    ...align(['metric', 'value', 'comparison (same run)', 'ratio', 'target', 'result', 'bench'], body),
    '',
    `${rows.length} figures from ${outcomes.length} benches; ${judged.length - failed}/${judged.length} targets met` +
      (failed ? `, ${failed} missed` : ''),
  ].join('\n');
}

/** Deltas of this run against an earlier one, matched by bench and metric. */
export function formatComparison(current: TableRow[], previous: TableRow[]): string {
  const key = (r: TableRow) => `${r.bench}\u0000${r.metric}`;
  const before = new Map(previous.map((r) => [key(r), r]));
  const body: string[][] = [];
  for (const row of current) {
    const old = before.get(key(row));
    if (!old) {
      body.push([row.metric, '(new)', `${formatNumber(row.value)} ${row.unit}`, '', '']);
      continue;
    }
    const delta = row.value - old.value;
    const percent =
      old.value === 0 ? '' : `${delta >= 0 ? '+' : ''}${((delta / old.value) * 100).toFixed(1)} %`;
    body.push([
      row.metric,
      `${formatNumber(old.value)} ${old.unit}`,
      `${formatNumber(row.value)} ${row.unit}`,
      percent,
      `${verdict(old.pass)}${old.pass !== row.pass && row.pass !== undefined ? ` → ${verdict(row.pass)}` : ''}`,
    ]);
    before.delete(key(row));
  }
  for (const gone of before.values())
    body.push([gone.metric, `${formatNumber(gone.value)} ${gone.unit}`, '(not measured)', '', '']);
  return align(['metric', 'before', 'now', 'change', 'result'], body).join('\n');
}
