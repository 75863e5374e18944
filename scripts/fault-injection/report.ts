/** A small aligned table for the fault-injection and soak reports. */

/** One line of a report: a count (or seconds) and, when it has one, the most it may be. */
export interface ReportRow {
  measure: string;
  value: number;
  /** The value must be at most this. */
  target?: number;
  note?: string;
}

/** Formats the rows under a title, with `pass`/`FAIL` where a target exists and a verdict line. */
export function formatReport(title: string, rows: ReportRow[]): string {
  const cells = rows.map((r) => [
    r.measure,
    String(r.value),
    r.target === undefined ? '' : `<= ${r.target}`,
    r.target === undefined ? (r.note ?? '') : r.value <= r.target ? 'pass' : 'FAIL',
  ]);
  const header = ['measure', 'value', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === 0 || i === 3 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const missed = rows.filter((r) => r.target !== undefined && r.value > r.target).length;
  const judged = rows.filter((r) => r.target !== undefined).length;
  return [
    `## ${title}`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
    '',
    missed === 0 ? `all ${judged} targets met` : `${missed} of ${judged} targets MISSED`,
  ].join('\n');
}
