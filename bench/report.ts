/**
 * The result contract of a benchmark. Each `*.bench.ts` prints its own human-readable output as
 * it likes, and reports the figures that belong in the suite table with {@link report}: one
 * `BENCH_ROW {json}` line per row on stdout. `run-all.ts` collects those lines from every bench,
 * prints one table and saves it as JSON. A bench that reports nothing still runs; the table says
 * it reported no rows. See README.md.
 */

/** A target a value is judged against, e.g. `{ op: '<', value: 10 }`. */
export interface Target {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/** One row of the suite table. */
export interface BenchRow {
  /** What is measured, with its conditions: `orca engine messages/s (4 workers × c1)`. */
  metric: string;
  value: number;
  /** `ms`, `s`, `/s`, `MB`, `count`, … */
  unit: string;
  /** The comparison measured in the same run (Spinnaker's way, raw BullMQ, direct call, …). */
  comparison?: { label: string; value: number };
  /** Target from the issues, when one exists. */
  target?: Target;
}

/** A row as the suite table holds it: the bench it came from, the ratio and pass/fail computed. */
export interface TableRow extends BenchRow {
  bench: string;
  /** value ÷ comparison.value */
  ratio?: number;
  /** Undefined when there is no target. */
  pass?: boolean;
}

/** The marker that starts a row line on a bench's stdout. */
export const ROW_MARKER = 'BENCH_ROW ';

/** True when `npm run bench -- --quick` asked for small sizes (CI smoke). */
export const quick = process.env.BENCH_QUICK === '1';

/** `full` normally, `small` in quick mode; an explicit env knob wins over both. */
export function sized(full: number, small: number, envKnob?: string): number {
  const set = envKnob === undefined ? undefined : process.env[envKnob];
  if (set !== undefined && set !== '') return Number(set);
  return quick ? small : full;
}

/** Prints the rows for run-all to collect (one marker line each). */
export function report(rows: BenchRow[]): void {
  for (const row of rows) process.stdout.write(`${ROW_MARKER}${JSON.stringify(row)}\n`);
}
