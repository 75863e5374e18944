import { isComplete, type StageExecution } from '@genoa/shared';
import { stageEvent } from '../../domain/events.js';
import { allUpstreamsComplete, anyUpstreamHalted, initialOf, syntheticChildren } from '../../domain/graph.js';
import { executionLevel } from '../../domain/repair.js';
import { exceptionDetails } from '../../tasks/define-task.js';
import type { SyntheticSpec } from '../../stages/define-stage.js';
import { findStage, stageLevel } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';
import { buildTasks, evaluateStageContext, insertSynthetic, recordSummary } from '../stage-planner.js';

/** StartStage: wait for upstreams, skip if disabled, else plan the stage and start its first step. */
export const startStageHandler: Handler<'startStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const e = ctx.execution;
    const stage = findStage(ctx, message.stageId);
    if (!stage || isComplete(e.status) || e.canceled === true) return;
    if (anyUpstreamHalted(e, stage)) {
      ctx.push({ kind: 'completeExecution', ...executionLevel(e) });
      return;
    }
    // Not every upstream is done: the last one to finish pushes startStage again.
    if (!allUpstreamsComplete(e, stage) || stage.status !== 'NOT_STARTED') return;
    if (e.type === 'PIPELINE' && !(await stageEnabled(ctx, stage))) {
      ctx.push({ kind: 'skipStage', ...stageLevel(ctx, stage) });
      return;
    }
    if (stage.startTimeExpiry != null && ctx.now > stage.startTimeExpiry) {
      ctx.push({ kind: 'skipStage', ...stageLevel(ctx, stage) });
      return;
    }
    ctx.changed();
    stage.startTime = ctx.now;
    await plan(ctx, stage);
    stage.status = 'RUNNING';
    ctx.emit(stageEvent(e, stage, 'starting', ctx.now));
    const before = initialOf(syntheticChildren(e, stage, 'STAGE_BEFORE'));
    const first = stage.tasks?.[0];
    if (stage.context.beforeStagePlanningFailed === true)
      ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
    else if (before.length > 0)
      for (const b of before) ctx.push({ kind: 'startStage', ...stageLevel(ctx, b) });
    else if (first) ctx.push({ kind: 'startTask', ...stageLevel(ctx, stage), taskId: first.id });
    else ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
  },
};

/** Evaluates `stageEnabled`; anything but literal true skips the stage (OptionalStageSupport). */
async function stageEnabled(ctx: HandlerContext, stage: StageExecution): Promise<boolean> {
  const enabled = stage.context.stageEnabled as { expression?: unknown } | undefined;
  if (!enabled || typeof enabled.expression !== 'string' || enabled.expression.trim() === '') return true;
  const { value, summary } = await ctx.deps.expressions.evaluateExpression(
    enabled.expression,
    { execution: ctx.execution, stage },
    ctx.now,
  );
  const result = value === true || value === 'true';
  if (!result) {
    ctx.changed();
    recordSummary(stage, summary);
    ctx.log.info({ stageId: stage.id, expression: enabled.expression }, 'stage disabled by stageEnabled');
  }
  return result;
}

/** plan(): evaluate the context, build tasks and before-stages (execution window first). */
async function plan(ctx: HandlerContext, stage: StageExecution): Promise<void> {
  const definition = ctx.deps.stages.resolve(stage);
  if (!definition) {
    const error = `Unknown stage type "${stage.type}"; known types: ${ctx.deps.stages.types().join(', ')}`;
    stage.context.exception = exceptionDetails(error, ctx.now, 'UnknownStageType');
    stage.context.beforeStagePlanningFailed = true;
    ctx.log.warn({ stageId: stage.id, type: stage.type }, 'unknown stage type');
    return;
  }
  try {
    await evaluateStageContext(ctx, stage, definition);
    if (definition.canManuallySkip?.(stage)) stage.context.canManuallySkip = true;
    stage.tasks = buildTasks(definition, stage, ctx.execution);
    const before: SyntheticSpec[] = [];
    if (
      stage.context.restrictExecutionDuringTimeWindow === true &&
      stage.type !== 'restrictExecutionDuringTimeWindow'
    )
      before.push({
        type: 'restrictExecutionDuringTimeWindow',
        name: 'Restrict Execution During',
        context: { restrictedExecutionWindow: stage.context.restrictedExecutionWindow ?? {} },
      });
    before.push(...(definition.beforeStages?.(stage, ctx.execution) ?? []));
    if (before.length > 0)
      insertSynthetic(ctx.execution, stage, 'STAGE_BEFORE', before, definition.type === 'checkPreconditions');
  } catch (err) {
    stage.context.exception = exceptionDetails((err as Error).message, ctx.now, (err as Error).name);
    stage.context.beforeStagePlanningFailed = true;
    ctx.log.warn({ err, stageId: stage.id }, 'stage planning failed');
  }
}
