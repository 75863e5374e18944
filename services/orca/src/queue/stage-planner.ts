import type { PipelineExecution, StageExecution, SyntheticStageOwner, TaskExecution } from '@genoa/shared';
import { syntheticStage } from '../domain/execution-builder.js';
import { syntheticChildren } from '../domain/graph.js';
import type { StageDefinition, SyntheticSpec } from '../stages/define-stage.js';
import type { HandlerContext } from './handler-context.js';

/** Keys never evaluated at stage start (evaluated elsewhere or kept as typed). */
const NOT_EVALUATED = new Set(['stageEnabled', 'expressionEvaluationSummary', 'notifications']);

/** Evaluates a stage's context in place (top-level stages, V4 timing); records failures. */
export async function evaluateStageContext(
  ctx: HandlerContext,
  stage: StageExecution,
  definition?: StageDefinition,
): Promise<void> {
  if (stage.parentStageId || stage.context.skipExpressionEvaluation === true) return;
  if (definition?.evaluatesOwnContext) return;
  const subject: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(stage.context)) if (!NOT_EVALUATED.has(k)) subject[k] = v;
  const { value, summary } = await ctx.deps.expressions.evaluateTree(
    subject,
    { execution: ctx.execution, stage },
    ctx.now,
  );
  Object.assign(stage.context, value as Record<string, unknown>);
  recordSummary(stage, summary);
}

/** Merges failures into `context.expressionEvaluationSummary`. */
export function recordSummary(stage: StageExecution, summary: Record<string, unknown[]>): void {
  if (Object.keys(summary).length === 0) return;
  const prev = (stage.context.expressionEvaluationSummary as Record<string, unknown[]> | undefined) ?? {};
  stage.context.expressionEvaluationSummary = { ...prev, ...summary };
}

/** Builds the stage's tasks from its task graph (ids "1", "2", …; first/last flagged). */
export function buildTasks(
  definition: StageDefinition,
  stage: StageExecution,
  execution: PipelineExecution,
): TaskExecution[] {
  const graph = definition.tasks(stage, execution);
  return graph.map((entry, i) => ({
    id: String(i + 1),
    implementingClass: entry.task.implementingClass,
    name: entry.name,
    status: 'NOT_STARTED',
    stageStart: i === 0,
    stageEnd: i === graph.length - 1,
    loopStart: false,
    loopEnd: false,
  }));
}

/**
 * Inserts synthetic stages (chained in order) into the execution: before-stages just before the
 * parent, after-stages just after it and its existing descendants (engine.md §2.1).
 */
export function insertSynthetic(
  execution: PipelineExecution,
  parent: StageExecution,
  owner: SyntheticStageOwner,
  specs: readonly SyntheticSpec[],
  parallel = false,
): StageExecution[] {
  const offset = syntheticChildren(execution, parent, owner).length;
  const created = specs.map((spec, i) => {
    const prevRef = `${String(parent.refId ?? '')}${owner === 'STAGE_BEFORE' ? '<' : '>'}${offset + i}`;
    const requisites = parallel || i + offset === 0 ? [] : [prevRef];
    return syntheticStage(parent, owner, offset + i, spec, requisites);
  });
  const at = execution.stages.indexOf(parent);
  if (owner === 'STAGE_BEFORE') execution.stages.splice(at, 0, ...created);
  else {
    let end = at + 1;
    while (end < execution.stages.length && isDescendant(execution, execution.stages[end]!, parent)) end += 1;
    execution.stages.splice(end, 0, ...created);
  }
  return created;
}

/** True if `stage` sits under `ancestor`. */
function isDescendant(
  execution: PipelineExecution,
  stage: StageExecution,
  ancestor: StageExecution,
): boolean {
  let parentId = stage.parentStageId;
  while (parentId) {
    if (parentId === ancestor.id) return true;
    parentId = execution.stages.find((s) => s.id === parentId)?.parentStageId;
  }
  return false;
}

/** Removes every synthetic descendant of `stage` (restart). */
export function removeSyntheticDescendants(execution: PipelineExecution, stage: StageExecution): void {
  execution.stages = execution.stages.filter((s) => !isDescendant(execution, s, stage));
}
