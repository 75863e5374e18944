import { stageLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** ResumeExecution: resume every PAUSED stage. */
export const resumeExecutionHandler: Handler<'resumeExecution'> = {
  scope: 'execution',
  async handle(_message, ctx) {
    if (ctx.execution.status !== 'RUNNING') return;
    for (const stage of ctx.execution.stages)
      if (stage.status === 'PAUSED') ctx.push({ kind: 'resumeStage', ...stageLevel(ctx, stage) });
  },
};
