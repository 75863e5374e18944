/** What the graph layout needs of a stage (a pipeline config stage or an execution stage). */
export interface GraphStage {
  refId?: string | number | null;
  requisiteStageRefIds?: readonly (string | number)[] | null;
}

/** A stage graph laid out in columns: column n holds the stages whose longest upstream path has n hops. */
export interface StageGraphLayout<T extends GraphStage> {
  columns: T[][];
  /** Edges as [upstream refId, downstream refId]; edges to unknown refIds are dropped. */
  edges: [string, string][];
  /** refIds that take part in a dependency cycle (placed in column 0 so they stay visible). */
  cyclic: string[];
}

const key = (ref: string | number | null | undefined): string =>
  ref === null || ref === undefined ? '' : String(ref);

/**
 * Lays stages out by `requisiteStageRefIds` depth, as Deck's pipeline graph does: a stage with no
 * (known) upstream stage is in column 0, any other is one column right of its deepest upstream
 * stage, so parallel branches share a column. Order inside a column follows the input order.
 */
export function layoutStages<T extends GraphStage>(stages: readonly T[]): StageGraphLayout<T> {
  const byRef = new Map<string, T>();
  for (const stage of stages) if (key(stage.refId) !== '') byRef.set(key(stage.refId), stage);
  const depth = new Map<string, number>();
  const cyclic = new Set<string>();
  const visit = (ref: string, path: Set<string>): number => {
    const known = depth.get(ref);
    if (known !== undefined) return known;
    if (path.has(ref)) {
      for (const r of path) cyclic.add(r);
      return 0;
    }
    path.add(ref);
    const parents = (byRef.get(ref)?.requisiteStageRefIds ?? []).map(key).filter((p) => byRef.has(p));
    let d = 0;
    for (const parent of parents) d = Math.max(d, visit(parent, path) + 1);
    path.delete(ref);
    depth.set(ref, d);
    return d;
  };
  const columns: T[][] = [];
  const edges: [string, string][] = [];
  for (const stage of stages) {
    const ref = key(stage.refId);
    const d = ref === '' ? 0 : visit(ref, new Set());
    const column = cyclic.has(ref) ? 0 : d;
    (columns[column] ??= []).push(stage);
    for (const parent of stage.requisiteStageRefIds ?? []) {
      if (byRef.has(key(parent)) && ref !== '') edges.push([key(parent), ref]);
    }
  }
  return { columns: columns.filter((c) => c !== undefined), edges, cyclic: [...cyclic] };
}
