/** One line of a line diff. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * A line diff of `before` → `after` (longest common subsequence), as the history view shows
 * between two pipeline versions. Quadratic in lines, fine for pipeline JSON.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++]! });
  while (j < m) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

/** Fields that change on every save and say nothing about the pipeline itself. */
const noise = new Set(['updateTs', 'lastModifiedBy', 'lastModified', 'createTs']);

/** A pipeline as stable, readable JSON for diffing (sorted keys, save metadata left out). */
export function pipelineText(pipeline: unknown): string {
  const sort = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => sort(v, false));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => !(top && noise.has(k)))
        .sort()
        .map((k) => [k, sort((value as Record<string, unknown>)[k], false)]),
    );
  };
  return JSON.stringify(sort(pipeline, true), null, 2);
}
