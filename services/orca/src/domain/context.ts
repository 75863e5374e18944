import type { PipelineExecution, StageExecution } from '@genoa/shared';
import { ancestors } from './graph.js';

/**
 * The outputs of a stage's ancestors merged into one map, nearest ancestor winning (Orca's
 * `StageContext.get` fallback, engine.md §3.5).
 */
export function ancestorOutputs(
  execution: PipelineExecution,
  stage: StageExecution,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const a of ancestors(execution, stage).slice(1)) {
    for (const [key, value] of Object.entries(a.outputs ?? {})) if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

/** A context key with ancestor-output fallback. */
export function contextGet(execution: PipelineExecution, stage: StageExecution, key: string): unknown {
  if (key in stage.context) return stage.context[key];
  return ancestorOutputs(execution, stage)[key];
}

/** The root map expressions see for a stage: context, ancestor outputs, trigger, parameters, execution. */
export function evaluationRoot(
  execution: PipelineExecution,
  stage?: StageExecution,
): Record<string, unknown> {
  const trigger = (execution.trigger ?? {}) as Record<string, unknown>;
  return {
    ...(stage ? ancestorOutputs(execution, stage) : {}),
    ...(stage?.context ?? {}),
    execution,
    trigger,
    parameters: (trigger.parameters as Record<string, unknown> | undefined) ?? {},
  };
}

/** Merges outputs of every stage in order, concatenating lists (PipelineExecution.getContext). */
export function executionContext(execution: PipelineExecution): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const stage of execution.stages) {
    for (const [key, value] of Object.entries(stage.outputs ?? {})) {
      const prev = out[key];
      if (Array.isArray(prev) && Array.isArray(value)) out[key] = [...new Set([...prev, ...value])];
      else out[key] = value;
    }
  }
  return out;
}

/** True if any string in the tree holds `${`. */
export function hasExpressions(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (Array.isArray(value)) return value.some(hasExpressions);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('${') || hasExpressions(v));
  return false;
}
