import { isComplete } from '@genoa/shared';
import { phaseOf, taskEvent } from '../../domain/events.js';
import { shouldCompleteStage } from '../../domain/status.js';
import { topLevelStageOf } from '../../domain/graph.js';
import { findStage, findTask, manuallySkipped, stageLevel, taskDone, taskLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** CompleteTask: record the end of a task, then start the next task or complete the stage. */
export const completeTaskHandler: Handler<'completeTask'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const stage = findStage(ctx, message.stageId);
    const task = stage && findTask(ctx, stage, message.taskId);
    if (!stage || !task || (stage.status !== 'RUNNING' && stage.status !== 'PAUSED')) return;
    if (!taskDone(task.status)) return; // stale: the task was reset (restart) or never ran
    if (task.endTime == null) {
      ctx.changed();
      task.endTime = ctx.now;
      const phase = phaseOf(task.status);
      ctx.emit(taskEvent(ctx.execution, stage, task, phase === 'skipped' ? 'complete' : phase, ctx.now));
    }
    const tasks = stage.tasks ?? [];
    if (task.status === 'REDIRECT') {
      const start = tasks.findIndex((t) => t.loopStart === true);
      const from = start < 0 ? 0 : start;
      ctx.changed();
      for (const t of tasks.slice(from))
        Object.assign(t, { status: 'NOT_STARTED', startTime: undefined, endTime: undefined });
      return ctx.push({ kind: 'startTask', ...taskLevel(ctx, stage, tasks[from]!) });
    }
    if (manuallySkipped(ctx, stage)) {
      return ctx.push({ kind: 'skipStage', ...stageLevel(ctx, topLevelStageOf(ctx.execution, stage)) });
    }
    if (shouldCompleteStage(task.stageEnd === true, task.status, message.originalStatus)) {
      return ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
    }
    const next = tasks[tasks.indexOf(task) + 1];
    if (next && !isComplete(next.status)) ctx.push({ kind: 'startTask', ...taskLevel(ctx, stage, next) });
    else ctx.push({ kind: 'completeStage', ...stageLevel(ctx, stage) });
  },
};
