import {
  allowsDownstream,
  type PipelineExecution,
  type StageExecution,
  type SyntheticStageOwner,
} from '@genoa/shared';

/** A stage's refId as a string (old configs hold numbers). */
export const refOf = (stage: StageExecution): string => (stage.refId == null ? '' : String(stage.refId));

/** A stage's requisite refIds as strings. */
export const requisitesOf = (stage: StageExecution): string[] =>
  (stage.requisiteStageRefIds ?? []).map(String);

/** The stage with this id, or undefined. */
export const stageById = (execution: PipelineExecution, id: string): StageExecution | undefined =>
  execution.stages.find((s) => s.id === id);

/** Stages without a parent: the ones the pipeline config named. */
export const topLevelStages = (execution: PipelineExecution): StageExecution[] =>
  execution.stages.filter((s) => !s.parentStageId);

/** Stages at the same level as `stage` (same parent, same synthetic owner). */
export function siblingsOf(execution: PipelineExecution, stage: StageExecution): StageExecution[] {
  return execution.stages.filter(
    (s) =>
      (s.parentStageId ?? undefined) === (stage.parentStageId ?? undefined) &&
      (s.syntheticStageOwner ?? undefined) === (stage.syntheticStageOwner ?? undefined),
  );
}

/** The stages `stage` waits for (its requisites among its siblings). */
export function upstreamStages(execution: PipelineExecution, stage: StageExecution): StageExecution[] {
  const refs = new Set(requisitesOf(stage));
  if (refs.size === 0) return [];
  return siblingsOf(execution, stage).filter((s) => refs.has(refOf(s)));
}

/** The stages that list `stage` as a requisite. */
export function downstreamStages(execution: PipelineExecution, stage: StageExecution): StageExecution[] {
  const ref = refOf(stage);
  return siblingsOf(execution, stage).filter((s) => requisitesOf(s).includes(ref));
}

/** The parent of a synthetic stage. */
export const parentOf = (execution: PipelineExecution, stage: StageExecution): StageExecution | undefined =>
  stage.parentStageId ? stageById(execution, stage.parentStageId) : undefined;

/** The top-level stage a (possibly nested synthetic) stage belongs to. */
export function topLevelStageOf(execution: PipelineExecution, stage: StageExecution): StageExecution {
  let current = stage;
  for (let parent = parentOf(execution, current); parent; parent = parentOf(execution, current))
    current = parent;
  return current;
}

/** A stage's synthetic children, optionally of one owner. */
export function syntheticChildren(
  execution: PipelineExecution,
  stage: StageExecution,
  owner?: SyntheticStageOwner,
): StageExecution[] {
  return execution.stages.filter(
    (s) => s.parentStageId === stage.id && (owner === undefined || s.syntheticStageOwner === owner),
  );
}

/** Among `stages`, those with no requisites: where a level starts. */
export const initialOf = (stages: readonly StageExecution[]): StageExecution[] =>
  stages.filter((s) => requisitesOf(s).length === 0);

/** True when every upstream stage is SUCCEEDED, FAILED_CONTINUE or SKIPPED. */
export const allUpstreamsComplete = (execution: PipelineExecution, stage: StageExecution): boolean =>
  upstreamStages(execution, stage).every((s) => allowsDownstream(s.status));

/**
 * True when an upstream stage halted (TERMINAL, STOPPED, CANCELED), following NOT_STARTED
 * upstreams recursively (Orca's `anyUpstreamStagesFailed`).
 */
export function anyUpstreamHalted(
  execution: PipelineExecution,
  stage: StageExecution,
  seen = new Set<string>(),
): boolean {
  for (const up of upstreamStages(execution, stage)) {
    if (seen.has(up.id)) continue;
    seen.add(up.id);
    if (up.status === 'TERMINAL' || up.status === 'STOPPED' || up.status === 'CANCELED') return true;
    if (up.status === 'NOT_STARTED' && anyUpstreamHalted(execution, up, seen)) return true;
  }
  return false;
}

/**
 * Orca's ancestor order (engine.md §3.5): the stage, its upstream stages with their synthetic
 * children and their ancestors; for a synthetic stage without requisites, its parent's
 * before-stages (for an after-stage), then the parent and its ancestors.
 */
export function ancestors(execution: PipelineExecution, stage: StageExecution): StageExecution[] {
  const visited = new Set<string>();
  const walk = (s: StageExecution): StageExecution[] => {
    visited.add(s.id);
    const ups = upstreamStages(execution, s).filter((u) => !visited.has(u.id));
    if (requisitesOf(s).length > 0) {
      const upIds = new Set(ups.map((u) => u.id));
      const synthetic = execution.stages.filter((c) => c.parentStageId != null && upIds.has(c.parentStageId));
      return [s, ...[...ups, ...synthetic].flatMap((u) => (visited.has(u.id) ? [] : walk(u)))];
    }
    const parent = parentOf(execution, s);
    if (parent && !visited.has(parent.id)) {
      const before =
        s.syntheticStageOwner === 'STAGE_AFTER'
          ? syntheticChildren(execution, parent, 'STAGE_BEFORE').filter((b) => !visited.has(b.id))
          : [];
      before.forEach((b) => visited.add(b.id));
      return [s, ...before, ...walk(parent)];
    }
    return [s];
  };
  return walk(stage);
}

/** A stage's tasks (empty when not planned). */
export const tasksOf = (stage: StageExecution) => stage.tasks ?? [];
