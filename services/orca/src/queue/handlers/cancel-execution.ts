import { isComplete } from '@genoa/shared';
import { executionEvent, stageEvent } from '../../domain/events.js';
import { stageLevel } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/**
 * CancelExecution. Unlike Orca, which flags the execution and waits for running tasks to notice,
 * this ends it at once: running tasks and stages become CANCELED and the execution CANCELED, so a
 * cancel terminates even an execution whose pending work was lost. Stage cancel routines (child
 * pipeline, webhook cancel endpoint) then run through cancelStage.
 */
export const cancelExecutionHandler: Handler<'cancelExecution'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const e = ctx.execution;
    if (isComplete(e.status)) return;
    ctx.changed();
    e.canceled = true;
    e.canceledBy = message.user ?? 'anonymous';
    if (message.reason) e.cancellationReason = message.reason;
    const wasStarted = e.status !== 'NOT_STARTED';
    for (const stage of e.stages) {
      if (stage.status !== 'RUNNING' && stage.status !== 'PAUSED') continue;
      for (const t of stage.tasks ?? [])
        if (t.status === 'RUNNING' || t.status === 'PAUSED')
          Object.assign(t, { status: 'CANCELED', endTime: ctx.now });
      stage.status = 'CANCELED';
      stage.endTime = ctx.now;
      ctx.emit(stageEvent(e, stage, 'failed', ctx.now));
      ctx.push({ kind: 'cancelStage', ...stageLevel(ctx, stage) });
    }
    e.status = 'CANCELED';
    e.endTime = ctx.now;
    if (e.paused?.pauseTime && !e.paused.resumeTime)
      e.paused = { ...e.paused, resumeTime: ctx.now, paused: false };
    ctx.emit(executionEvent(e, 'failed', ctx.now));
    ctx.log.info({ user: e.canceledBy, reason: message.reason, wasStarted }, 'execution canceled');
    if (e.pipelineConfigId) {
      await ctx.deps.repository.removePending(e.pipelineConfigId, e.id);
      ctx.push({
        kind: 'startWaitingExecutions',
        pipelineConfigId: e.pipelineConfigId,
        purgeQueue: !e.keepWaitingPipelines,
      });
    }
  },
};
