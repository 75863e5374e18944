import { findStage } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** CancelStage: reschedule a running stage's tasks, or run a halted stage's cancel routine. */
export const cancelStageHandler: Handler<'cancelStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    if (!stage) return;
    if (stage.status === 'RUNNING') {
      for (const t of stage.tasks ?? [])
        if (t.status === 'RUNNING') ctx.ensure({ ...message, kind: 'runTask', taskId: t.id }, 0);
      return;
    }
    if (stage.status !== 'CANCELED' && stage.status !== 'TERMINAL' && stage.status !== 'STOPPED') return;
    const definition = ctx.deps.stages.resolve(stage);
    if (!definition?.cancel || stage.context.cancelRoutineRan === true) return;
    try {
      await definition.cancel(stage, ctx.execution, ctx.deps.services);
    } catch (err) {
      ctx.log.warn({ err, stageId: stage.id }, 'stage cancel routine failed');
    }
    ctx.changed();
    stage.context.cancelRoutineRan = true;
  },
};
