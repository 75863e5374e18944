import { findStage, taskLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** ResumeStage: the stage runs again and its paused tasks resume. */
export const resumeStageHandler: Handler<'resumeStage'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    if (!stage || stage.status !== 'PAUSED' || ctx.execution.status !== 'RUNNING') return;
    ctx.changed();
    stage.status = 'RUNNING';
    for (const t of stage.tasks ?? [])
      if (t.status === 'PAUSED') ctx.push({ kind: 'resumeTask', ...taskLevel(ctx, stage, t) });
  },
};
