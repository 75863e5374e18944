import { findStage, findTask, stageLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** PauseTask: the task is PAUSED and its stage pauses too. */
export const pauseTaskHandler: Handler<'pauseTask'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    const task = stage && findTask(ctx, stage, message.taskId);
    if (!stage || !task || task.status !== 'RUNNING') return;
    ctx.changed();
    task.status = 'PAUSED';
    ctx.push({ kind: 'pauseStage', ...stageLevel(ctx, stage) });
  },
};
