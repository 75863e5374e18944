import type { Artifact, ExpectedArtifact, JsonMap, Pipeline } from '@genoa/shared';
import { fullMatch } from './payload-constraints.js';

/** The fields kork's `ExpectedArtifact.matches` compares; each non-empty one is a full-match regex. */
const MATCHED_FIELDS = ['type', 'name', 'version', 'location', 'reference'] as const;

/** Whether `artifact` satisfies an expected artifact's `matchArtifact` (other fields, e.g. `artifactAccount`, are ignored). */
export function matchesExpected(expected: ExpectedArtifact, artifact: Artifact): boolean {
  const match = expected.matchArtifact;
  if (!match) return false;
  return MATCHED_FIELDS.every((field) => {
    const pattern = match[field];
    if (typeof pattern !== 'string' || pattern === '') return true;
    const value = artifact[field];
    return typeof value === 'string' && fullMatch(pattern, value);
  });
}

const expectedOf = (pipeline: Pipeline): ExpectedArtifact[] =>
  (pipeline.expectedArtifacts ?? []) as ExpectedArtifact[];

const idsOf = (trigger: JsonMap): unknown[] =>
  Array.isArray(trigger.expectedArtifactIds) ? trigger.expectedArtifactIds : [];

/**
 * echo's ArtifactMatcher: a trigger naming `expectedArtifactIds` fires only when a received artifact
 * matches one of those expected artifacts; expected artifacts marked `usePriorArtifact` are left out,
 * and when that leaves none the trigger fires.
 */
export function expectedArtifactsSatisfied(
  pipeline: Pipeline,
  trigger: JsonMap,
  artifacts: readonly Artifact[],
): boolean {
  const ids = idsOf(trigger);
  if (ids.length === 0) return true;
  const candidates = expectedOf(pipeline).filter((e) => !e.usePriorArtifact);
  if (candidates.length === 0) return true;
  const expected = candidates.filter((e) => ids.includes(e.id));
  return artifacts.some((a) => expected.some((e) => matchesExpected(e, a)));
}

/** The trigger's artifact fields after resolution (orca's `ArtifactUtils.resolveArtifacts`). */
export interface ResolvedArtifacts {
  artifacts: Artifact[];
  expectedArtifacts: ExpectedArtifact[];
  resolvedExpectedArtifacts: ExpectedArtifact[];
  /** Expected artifacts nothing satisfied (no match, no default, not `usePriorArtifact`). */
  unresolved: string[];
}

/**
 * Binds the pipeline's expected artifacts that the trigger names (or that use a default or prior
 * artifact): a received artifact that matches, else — for `usePriorArtifact` — left for orca (which
 * knows prior executions), else the `defaultArtifact` when `useDefaultArtifact`. Bound defaults join
 * the trigger's artifacts. `undefined` when the pipeline expects nothing.
 */
export function resolveExpectedArtifacts(
  pipeline: Pipeline,
  trigger: JsonMap,
  received: readonly Artifact[],
): ResolvedArtifacts | undefined {
  const ids = idsOf(trigger);
  const expected = expectedOf(pipeline).filter(
    (e) => ids.includes(e.id) || e.useDefaultArtifact || e.usePriorArtifact,
  );
  if (expected.length === 0) return undefined;
  const artifacts = [...received];
  const resolved: ExpectedArtifact[] = [];
  const unresolved: string[] = [];
  for (const e of expected) {
    const bound =
      received.find((a) => matchesExpected(e, a)) ??
      (e.usePriorArtifact ? undefined : e.useDefaultArtifact ? (e.defaultArtifact ?? undefined) : undefined);
    if (bound) {
      resolved.push({ ...e, boundArtifact: bound });
      if (!artifacts.includes(bound)) artifacts.push(bound);
    } else if (!e.usePriorArtifact) unresolved.push(e.displayName ?? e.id ?? '(unnamed)');
  }
  return { artifacts, expectedArtifacts: expected, resolvedExpectedArtifacts: resolved, unresolved };
}
