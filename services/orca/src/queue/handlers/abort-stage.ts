import { isComplete } from '@genoa/shared';
import { stageEvent } from '../../domain/events.js';
import { afterHalt, findStage } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** AbortStage (dead-letter path): force the stage TERMINAL and fail what it belongs to. */
export const abortStageHandler: Handler<'abortStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    if (!stage || isComplete(stage.status)) return;
    ctx.changed();
    stage.status = 'TERMINAL';
    stage.endTime = ctx.now;
    for (const t of stage.tasks ?? [])
      if (!isComplete(t.status)) Object.assign(t, { status: 'TERMINAL', endTime: ctx.now });
    ctx.emit(stageEvent(ctx.execution, stage, 'failed', ctx.now));
    afterHalt(ctx, stage);
  },
};
