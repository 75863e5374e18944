import { SUPERSEDED_REASON } from '../../domain/concurrency.js';
import { executionLevel } from '../../domain/repair.js';
import type { Handler } from '../handler-context.js';

/**
 * StartWaitingExecutions: start the next execution parked by concurrency limits. With
 * `purgeQueue` the newest starts and the older ones are canceled; otherwise the oldest starts.
 */
export const startWaitingExecutionsHandler: Handler<'startWaitingExecutions'> = {
  scope: 'bare',
  async handle(message, ctx) {
    const { repository } = ctx.deps;
    const pending = await repository.pendingList(message.pipelineConfigId);
    if (pending.length === 0) return;
    const running = await repository.runningForConfig(message.pipelineConfigId);
    const executions = await repository.getMany(pending);
    if (executions.length === 0) return;
    const next = message.purgeQueue ? executions[executions.length - 1]! : executions[0]!;
    if (message.purgeQueue) {
      for (const old of executions.slice(0, -1)) {
        await repository.removePending(message.pipelineConfigId, old.id);
        ctx.push({
          kind: 'cancelExecution',
          ...executionLevel(old),
          user: 'spinnaker',
          reason: SUPERSEDED_REASON,
        });
      }
    }
    await repository.removePending(message.pipelineConfigId, next.id);
    ctx.log.info(
      { pipelineConfigId: message.pipelineConfigId, executionId: next.id, running: running.length },
      'waiting execution released',
    );
    ctx.push({ kind: 'startExecution', ...executionLevel(next) });
  },
};
