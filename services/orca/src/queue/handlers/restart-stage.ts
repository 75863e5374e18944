import { isComplete, type StageExecution } from '@genoa/shared';
import { downstreamStages, topLevelStageOf } from '../../domain/graph.js';
import { restartMember } from '../../domain/concurrency.js';
import { findStage, parkedByConcurrency, stageLevel } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';
import { removeSyntheticDescendants } from '../stage-planner.js';

/** Context keys the engine adds while running a stage, cleared on restart. */
const RUN_KEYS = [
  'exception',
  'beforeStagePlanningFailed',
  'expressionEvaluationSummary',
  'afterStagesPlanned',
  'cancelRoutineRan',
  'manualSkip',
];

/** RestartStage: reset a completed top-level stage and everything downstream, then start it again. */
export const restartStageHandler: Handler<'restartStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const found = findStage(ctx, message.stageId);
    if (!found) return;
    const stage = topLevelStageOf(ctx.execution, found);
    if (!isComplete(stage.status) && stage.status !== 'NOT_STARTED') return;
    // Another execution of a limited pipeline runs: the restart waits its turn (Orca parks it).
    if (await parkedByConcurrency(ctx, restartMember(message), ctx.now)) return;
    ctx.changed();
    stage.context.restartDetails = {
      restartedBy: message.user ?? 'anonymous',
      restartTime: ctx.now,
      previousException: stage.context.exception,
    };
    reset(ctx, stage, new Set());
    const e = ctx.execution;
    e.status = 'RUNNING';
    e.endTime = undefined;
    e.canceled = false;
    e.canceledBy = undefined;
    e.cancellationReason = undefined;
    ctx.log.info({ stageId: stage.id, user: message.user }, 'stage restarted');
    ctx.push({ kind: 'startStage', ...stageLevel(ctx, stage) });
  },
};

/** Resets a stage (status, times, tasks, synthetic stages) and, recursively, its downstream stages. */
function reset(ctx: HandlerContext, stage: StageExecution, seen: Set<string>): void {
  if (seen.has(stage.id)) return;
  seen.add(stage.id);
  removeSyntheticDescendants(ctx.execution, stage);
  stage.status = 'NOT_STARTED';
  stage.startTime = undefined;
  stage.endTime = undefined;
  stage.tasks = [];
  for (const key of RUN_KEYS) delete stage.context[key];
  ctx.deps.stages.resolve(stage)?.prepareForRestart?.(stage);
  for (const d of downstreamStages(ctx.execution, stage)) reset(ctx, d, seen);
}
