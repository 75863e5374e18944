import { isComplete } from '@genoa/shared';
import { executionEvent } from '../../domain/events.js';
import { topLevelStages } from '../../domain/graph.js';
import { determineExecutionStatus } from '../../domain/status.js';
import { taskLevel } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';

/** Trigger statuses a `pipeline` trigger lists, by execution status. */
const TRIGGER_STATUS: Record<string, string> = {
  SUCCEEDED: 'successful',
  TERMINAL: 'failed',
  CANCELED: 'canceled',
};

/** CompleteExecution: decide the final status from the top-level stages, or wait for other branches. */
export const completeExecutionHandler: Handler<'completeExecution'> = {
  scope: 'execution',
  async handle(_message, ctx) {
    const e = ctx.execution;
    if (isComplete(e.status) || e.status === 'NOT_STARTED') return;
    const status = determineExecutionStatus(e);
    if (!status) return; // another branch is running; it completes the execution when it ends
    ctx.changed();
    e.status = status;
    e.endTime = ctx.now;
    ctx.emit(executionEvent(e, status === 'SUCCEEDED' ? 'complete' : 'failed', ctx.now));
    ctx.log.info({ status, durationMs: ctx.now - (e.startTime ?? ctx.now) }, 'execution completed');
    if (status !== 'SUCCEEDED') {
      for (const stage of topLevelStages(e))
        for (const t of stage.tasks ?? [])
          if (stage.status === 'RUNNING' && t.status === 'RUNNING')
            ctx.ensure({ kind: 'runTask', ...taskLevel(ctx, stage, t) }, 0);
    }
    const parent = e.trigger as
      { type?: string; parentExecution?: { id?: string; type?: string; application?: string } } | undefined;
    if (parent?.type === 'pipeline' && parent.parentExecution?.id) {
      // Wake the parent's monitorPipeline now instead of at its next 15 s poll.
      const p = parent.parentExecution;
      ctx.push({
        kind: 'rescheduleExecution',
        executionType: p.type === 'ORCHESTRATION' ? 'ORCHESTRATION' : 'PIPELINE',
        executionId: p.id!,
        application: p.application ?? e.application,
      });
    }
    if (e.pipelineConfigId) {
      ctx.push({
        kind: 'startWaitingExecutions',
        pipelineConfigId: e.pipelineConfigId,
        purgeQueue: !e.keepWaitingPipelines,
      });
      await startTriggeredPipelines(ctx);
    }
  },
};

/** Starts the pipelines whose `pipeline` trigger waits on this config reaching this status. */
async function startTriggeredPipelines(ctx: HandlerContext): Promise<void> {
  const e = ctx.execution;
  const triggerStatus = TRIGGER_STATUS[e.status];
  if (e.type !== 'PIPELINE' || !e.pipelineConfigId || !triggerStatus) return;
  try {
    const dependents = await ctx.deps.services.front50.pipelinesTriggeredBy(
      e.pipelineConfigId,
      triggerStatus,
    );
    for (const pipeline of dependents) {
      const id = await ctx.deps.services.startPipeline({
        pipeline,
        trigger: {
          type: 'pipeline',
          user: e.authentication?.user ?? 'anonymous',
          parentExecution: e,
          parentPipelineId: e.pipelineConfigId,
          parentPipelineName: e.name,
          parentPipelineApplication: e.application,
          parentStatus: e.status,
          isPipeline: true,
          parameters: {},
        },
        user: e.authentication?.user ?? undefined,
        correlationKey: `${e.id}:triggers:${String(pipeline.id)}`,
      });
      ctx.log.info({ triggeredExecutionId: id, pipelineConfigId: pipeline.id }, 'pipeline trigger fired');
    }
  } catch (err) {
    ctx.log.warn({ err }, 'pipeline triggers could not be started');
  }
}
