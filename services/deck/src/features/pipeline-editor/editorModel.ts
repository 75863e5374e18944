import type { Pipeline, StageConfig } from '@genoa/shared';

/** A stage's refId as a string (configs may hold numbers). */
export const refOf = (stage: StageConfig): string => String(stage.refId ?? '');

/** The next free numeric refId (max + 1, as Deck does), as a string. */
export function nextRefId(stages: readonly StageConfig[]): string {
  let max = 0;
  for (const stage of stages) {
    const n = Number(stage.refId);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

/**
 * Adds a stage of `type` (with its `defaults`) after the stage `after` (none: a first stage).
 * Returns the new pipeline and the new stage's refId.
 */
export function addStage(
  pipeline: Pipeline,
  type: string,
  defaults: Record<string, unknown>,
  after?: string,
): { pipeline: Pipeline; refId: string } {
  const refId = nextRefId(pipeline.stages);
  const stage: StageConfig = {
    name: defaults.name as string | undefined,
    ...defaults,
    type,
    refId,
    requisiteStageRefIds: after ? [after] : [],
  };
  return { pipeline: { ...pipeline, stages: [...pipeline.stages, stage] }, refId };
}

/** Removes a stage and every dependency on it (its downstream stages keep their other upstreams). */
export function removeStage(pipeline: Pipeline, refId: string): Pipeline {
  return {
    ...pipeline,
    stages: pipeline.stages
      .filter((s) => refOf(s) !== refId)
      .map((s) =>
        (s.requisiteStageRefIds ?? []).some((r) => String(r) === refId)
          ? { ...s, requisiteStageRefIds: (s.requisiteStageRefIds ?? []).filter((r) => String(r) !== refId) }
          : s,
      ),
  };
}

/** Replaces fields of the stage `refId` (a `undefined` value removes the field). */
export function updateStage(pipeline: Pipeline, refId: string, patch: Record<string, unknown>): Pipeline {
  return {
    ...pipeline,
    stages: pipeline.stages.map((s) => {
      if (refOf(s) !== refId) return s;
      const next: Record<string, unknown> = { ...s, ...patch };
      for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
      return next as StageConfig;
    }),
  };
}

/** The refIds downstream of `refId` (its transitive dependents). */
export function downstreamOf(stages: readonly StageConfig[], refId: string): Set<string> {
  const found = new Set<string>();
  const walk = (ref: string) => {
    for (const s of stages) {
      if ((s.requisiteStageRefIds ?? []).some((r) => String(r) === ref) && !found.has(refOf(s))) {
        found.add(refOf(s));
        walk(refOf(s));
      }
    }
  };
  walk(refId);
  return found;
}

/** The stages `refId` may depend on: every other stage that is not downstream of it (no cycles). */
export function possibleUpstreams(stages: readonly StageConfig[], refId: string): StageConfig[] {
  const below = downstreamOf(stages, refId);
  return stages.filter((s) => refOf(s) !== refId && !below.has(refOf(s)));
}

/** Sets the upstream stages of `refId`, refusing any that would make a cycle. */
export function setUpstreams(pipeline: Pipeline, refId: string, upstreams: readonly string[]): Pipeline {
  const allowed = new Set(possibleUpstreams(pipeline.stages, refId).map(refOf));
  return updateStage(pipeline, refId, { requisiteStageRefIds: upstreams.filter((r) => allowed.has(r)) });
}
