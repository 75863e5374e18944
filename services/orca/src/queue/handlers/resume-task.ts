import { findStage, findTask, taskLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** ResumeTask: the task is RUNNING again and runs now. */
export const resumeTaskHandler: Handler<'resumeTask'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    const task = stage && findTask(ctx, stage, message.taskId);
    if (!stage || !task || task.status !== 'PAUSED' || ctx.execution.status !== 'RUNNING') return;
    ctx.changed();
    task.status = 'RUNNING';
    ctx.ensure({ kind: 'runTask', ...taskLevel(ctx, stage, task) }, 0);
  },
};
