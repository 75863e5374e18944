import { pendingEntry, SUPERSEDED_REASON } from '../../domain/concurrency.js';
import { executionLevel } from '../../domain/repair.js';
import type { Handler } from '../handler-context.js';

/**
 * StartWaitingExecutions: release the next entry parked by concurrency limits, an execution
 * waiting to start or a parked restart. With `purgeQueue` the newest runs, older executions are
 * canceled and older restarts dropped; otherwise the oldest runs.
 */
export const startWaitingExecutionsHandler: Handler<'startWaitingExecutions'> = {
  scope: 'bare',
  async handle(message, ctx) {
    const { repository } = ctx.deps;
    const configId = message.pipelineConfigId;
    const entries = (await repository.pendingList(configId)).map(pendingEntry);
    if (entries.length === 0) return;
    const next = message.purgeQueue ? entries[entries.length - 1]! : entries[0]!;
    const older = message.purgeQueue ? entries.slice(0, -1) : [];
    const starts = [next, ...older].filter((x) => !x.restart).map((x) => x.executionId);
    const executions = new Map((await repository.getMany(starts)).map((e) => [e.id, e]));
    for (const old of older) {
      await repository.removePending(configId, old.member);
      const e = executions.get(old.executionId);
      if (old.restart || !e) {
        ctx.log.info({ executionId: old.executionId }, 'parked restart dropped: a newer entry supersedes it');
        continue;
      }
      ctx.push({
        kind: 'cancelExecution',
        ...executionLevel(e),
        user: 'spinnaker',
        reason: SUPERSEDED_REASON,
      });
    }
    await repository.removePending(configId, next.member);
    const e = executions.get(next.executionId);
    if (!next.restart && !e) {
      ctx.push(message); // deleted while it waited: release the next one instead
      return;
    }
    ctx.log.info(
      { pipelineConfigId: configId, executionId: next.executionId, restart: next.restart !== undefined },
      'waiting execution released',
    );
    ctx.push(next.restart ?? { kind: 'startExecution', ...executionLevel(e!) });
  },
};
