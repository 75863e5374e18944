import { isComplete, type StageExecution } from '@genoa/shared';
import { stageEvent } from '../../domain/events.js';
import { syntheticChildren } from '../../domain/graph.js';
import { findStage, startNext } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';

/** SkipStage: mark the stage SKIPPED (a manual skip also skips what runs inside it), then go on. */
export const skipStageHandler: Handler<'skipStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    if (!stage) return;
    const manual = stage.context.manualSkip === true;
    if (
      stage.status !== 'RUNNING' &&
      stage.status !== 'NOT_STARTED' &&
      !(manual && !isComplete(stage.status))
    )
      return;
    ctx.changed();
    stage.status = 'SKIPPED';
    stage.endTime = ctx.now;
    if (manual) skipInside(ctx, stage);
    ctx.emit(stageEvent(ctx.execution, stage, 'skipped', ctx.now));
    startNext(ctx, stage);
  },
};

/** Skips the unfinished tasks and synthetic descendants of a manually skipped stage. */
function skipInside(ctx: HandlerContext, stage: StageExecution): void {
  for (const t of stage.tasks ?? [])
    if (!isComplete(t.status)) Object.assign(t, { status: 'SKIPPED', endTime: ctx.now });
  for (const child of syntheticChildren(ctx.execution, stage)) {
    if (!isComplete(child.status)) Object.assign(child, { status: 'SKIPPED', endTime: ctx.now });
    skipInside(ctx, child);
  }
}
