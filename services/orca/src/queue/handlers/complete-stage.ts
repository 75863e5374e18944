import { isComplete, isHalt, type StageExecution } from '@genoa/shared';
import { phaseOf, stageEvent } from '../../domain/events.js';
import { initialOf, syntheticChildren } from '../../domain/graph.js';
import { determineStageStatus } from '../../domain/status.js';
import { afterHalt, findStage, stageLevel, startNext } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';
import { insertSynthetic } from '../stage-planner.js';

/** CompleteStage: work out the stage status, run after-stages, then start what comes next. */
export const completeStageHandler: Handler<'completeStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const e = ctx.execution;
    const stage = findStage(ctx, message.stageId);
    if (!stage || (stage.status !== 'RUNNING' && stage.status !== 'NOT_STARTED')) return;
    let status = determineStageStatus(e, stage);
    const summary = stage.context.expressionEvaluationSummary as
      Record<string, { description?: string }[]> | undefined;
    const failures = Object.values(summary ?? {}).flat();
    if (stage.context.failOnFailedExpressions === true && failures.length > 0) status = 'TERMINAL';
    if (status === 'RUNNING' || status === 'NOT_STARTED' || (isComplete(status) && !isHalt(status))) {
      if (startAfterStages(ctx, stage, status)) return;
      if (status === 'NOT_STARTED') status = 'SKIPPED';
      if (status === 'RUNNING') return; // after-stages are running; they continue the parent
    }
    ctx.changed();
    stage.status = status;
    stage.endTime = ctx.now;
    if (failures.length > 0)
      appendErrors(
        stage,
        failures.map((f) => f.description ?? 'expression failed'),
      );
    ctx.emit(stageEvent(e, stage, phaseOf(status), ctx.now));
    ctx.log.info({ stageId: stage.id, status }, 'stage completed');
    if (
      stage.syntheticStageOwner &&
      status === 'FAILED_CONTINUE' &&
      stage.context.allowSiblingStagesToContinueOnFailure !== true
    ) {
      ctx.push({ ...message, kind: 'completeStage', stageId: stage.parentStageId! });
    } else if (status === 'SUCCEEDED' || status === 'FAILED_CONTINUE' || status === 'SKIPPED') {
      startNext(ctx, stage);
    } else {
      afterHalt(ctx, stage);
    }
  },
};

/** Plans after-stages once, then starts those not yet started; true if any was started. */
function startAfterStages(ctx: HandlerContext, stage: StageExecution, status: string): boolean {
  const e = ctx.execution;
  let after = syntheticChildren(e, stage, 'STAGE_AFTER');
  if (after.length === 0 && status !== 'NOT_STARTED' && stage.context.afterStagesPlanned !== true) {
    const definition = ctx.deps.stages.resolve(stage);
    const specs = definition?.afterStages?.(stage, e) ?? [];
    if (specs.length === 0) return false;
    ctx.changed();
    stage.context.afterStagesPlanned = true;
    after = insertSynthetic(e, stage, 'STAGE_AFTER', specs);
  }
  const pending = initialOf(after.filter((s) => s.status === 'NOT_STARTED'));
  if (after.some((s) => s.status === 'RUNNING')) return true;
  if (pending.length === 0) return false;
  for (const s of pending) ctx.push({ kind: 'startStage', ...stageLevel(ctx, s) });
  return true;
}

/** Appends messages to `context.exception.details.errors` (what Deck shows). */
function appendErrors(stage: StageExecution, errors: string[]): void {
  const exception = (stage.context.exception as { details?: { errors?: string[] } } | undefined) ?? {};
  const details = exception.details ?? {};
  stage.context.exception = {
    ...exception,
    details: { ...details, errors: [...(details.errors ?? []), ...errors] },
  };
}
