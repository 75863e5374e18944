import type { EvaluationContext } from './context.js';
import { getProperty, isPlainObject, MISSING } from './guard.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (isPlainObject(v) ? v : {});

/** The SpEL version an execution uses (`spelEvaluator`; Spinnaker's default is v3). */
export function spelVersionOf(execution: Json, override?: string): 'v3' | 'v4' {
  const raw = override || (typeof execution.spelEvaluator === 'string' ? execution.spelEvaluator : '');
  return raw.toLowerCase() === 'v4' ? 'v4' : 'v3';
}

/**
 * The stage plus its ancestors, nearest first: upstream stages through `requisiteStageRefIds`
 * (recursively) and the parent of a synthetic stage with its own ancestors (orca's `ancestors()`).
 */
export function ancestorStages(execution: Json, stage: Json): Json[] {
  const stages = Array.isArray(execution.stages) ? execution.stages.filter(isPlainObject) : [];
  const byRef = new Map<string, Json>();
  const byId = new Map<string, Json>();
  for (const s of stages) {
    if (typeof s.refId === 'string') byRef.set(s.refId, s);
    if (typeof s.id === 'string') byId.set(s.id, s);
  }
  const seen = new Set<Json>();
  const out: Json[] = [];
  const queue: Json[] = [stage];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    const refs = Array.isArray(s.requisiteStageRefIds) ? s.requisiteStageRefIds : [];
    for (const ref of refs) {
      const up = byRef.get(String(ref));
      if (up) queue.push(up);
    }
    if (typeof s.parentStageId === 'string') {
      const parent = byId.get(s.parentStageId);
      if (parent) queue.push(parent);
    }
  }
  return out;
}

/** `trigger.parameters` when non-empty, else an existing `parameters`, else `{}` (orca's precompute). */
function precompute(root: Json): void {
  const parameters = obj(obj(root.trigger).parameters);
  if (Object.keys(parameters).length > 0) root.parameters = parameters;
  else if (!('parameters' in root)) root.parameters = {};
  const buildInfo = obj(root.buildInfo ?? obj(root.trigger).buildInfo);
  const scm = Array.isArray(buildInfo.scm) ? buildInfo.scm.filter(isPlainObject) : [];
  if (scm.length > 0)
    root.scmInfo = scm.length > 1 ? (scm.find((s) => s.branch !== 'master') ?? scm[0]) : scm[0];
  else if (!('scmInfo' in root)) root.scmInfo = null;
}

/** Options shared by the context builders. */
export interface ContextBuildOptions {
  /** The authenticated user for `#currentUser()`. */
  currentUser?: string;
  /** Spinnaker's `expression.spel-version-override`. */
  spelVersionOverride?: string;
  /** See EvaluationContext.allowUnknownKeys. Default true. */
  allowUnknownKeys?: boolean;
}

/** The context for evaluating against a whole execution: `{execution, trigger, parameters}`. */
export function buildExecutionEvaluationContext(
  execution: Json,
  options: ContextBuildOptions = {},
): EvaluationContext {
  const root: Json = { execution, trigger: obj(execution.trigger) };
  precompute(root);
  return {
    root,
    execution,
    currentUser: options.currentUser,
    allowUnknownKeys: options.allowUnknownKeys ?? true,
  };
}

/**
 * The context for evaluating a stage (orca's `buildExecutionContext(stage)` + `precomputeValues`):
 * the stage's own context keys, `execution`, `trigger`, `parameters`, `scmInfo`, `templateVariables`
 * (V4), with any missing key falling back to the outputs of the stage's ancestors.
 */
export function buildStageEvaluationContext(
  execution: Json,
  stage: Json,
  options: ContextBuildOptions = {},
): EvaluationContext {
  const root: Json = { ...obj(stage.context) };
  root.execution = execution;
  root.trigger = obj(execution.trigger);
  if (
    spelVersionOf(execution, options.spelVersionOverride) === 'v4' &&
    Object.keys(obj(execution.templateVariables)).length > 0
  ) {
    root.templateVariables = execution.templateVariables;
  }
  precompute(root);
  const ancestors = ancestorStages(execution, stage);
  return {
    root,
    execution,
    currentStageId: typeof stage.id === 'string' ? stage.id : undefined,
    currentUser: options.currentUser,
    allowUnknownKeys: options.allowUnknownKeys ?? true,
    rootFallback: (key) => {
      for (const s of ancestors) {
        const value = getProperty(obj(s.outputs), key);
        if (value !== MISSING) return value;
      }
      return undefined;
    },
  };
}
