import { taskEvent } from '../../domain/events.js';
import { findStage, findTask, taskLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** StartTask: mark the task RUNNING and queue its first run. */
export const startTaskHandler: Handler<'startTask'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    const task = stage && findTask(ctx, stage, message.taskId);
    if (!stage || !task || stage.status !== 'RUNNING' || task.status !== 'NOT_STARTED') return;
    ctx.changed();
    task.status = 'RUNNING';
    task.startTime = ctx.now;
    ctx.emit(taskEvent(ctx.execution, stage, task, 'starting', ctx.now));
    ctx.pushKeyed({ kind: 'runTask', ...taskLevel(ctx, stage, task) });
  },
};
