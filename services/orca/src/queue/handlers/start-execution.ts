import { executionEvent } from '../../domain/events.js';
import { initialOf, topLevelStages } from '../../domain/graph.js';
import { executionLevel } from '../../domain/repair.js';
import { parkedByConcurrency } from '../engine-support.js';
import type { Handler } from '../handler-context.js';

/** StartExecution: park under concurrency limits, expire, or start the initial stages. */
export const startExecutionHandler: Handler<'startExecution'> = {
  scope: 'execution',
  async handle(_message, ctx) {
    const e = ctx.execution;
    if (e.status !== 'NOT_STARTED' || e.canceled === true) {
      if (e.canceled === true && e.pipelineConfigId)
        ctx.push({
          kind: 'startWaitingExecutions',
          pipelineConfigId: e.pipelineConfigId,
          purgeQueue: !e.keepWaitingPipelines,
        });
      return;
    }
    if (await parkedByConcurrency(ctx, e.id, e.buildTime ?? ctx.now)) return;
    if (e.startTimeExpiry != null && ctx.now > e.startTimeExpiry) {
      ctx.push({
        kind: 'cancelExecution',
        ...executionLevel(e),
        user: 'spinnaker',
        reason: 'Could not begin execution before start time expiry',
      });
      return;
    }
    const initial = initialOf(topLevelStages(e));
    ctx.changed();
    e.startTime = ctx.now;
    if (initial.length === 0) {
      e.status = 'TERMINAL';
      e.endTime = ctx.now;
      ctx.log.warn({}, 'execution has no initial stages');
      ctx.emit(executionEvent(e, 'failed', ctx.now));
      return;
    }
    e.status = 'RUNNING';
    ctx.emit(executionEvent(e, 'starting', ctx.now));
    ctx.log.info({ stages: e.stages.length }, 'execution started');
    for (const stage of initial) ctx.push({ kind: 'startStage', ...executionLevel(e), stageId: stage.id });
  },
};
