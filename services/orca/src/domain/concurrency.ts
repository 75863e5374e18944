import type { EngineMessage, PipelineExecution } from '@genoa/shared';

/**
 * Orca's `shouldQueue` (engine.md §3.8): no config id → never; `limitConcurrent` → queue if any
 * other execution of the config runs; else `maxConcurrentExecutions > 0` → queue at the limit.
 */
export function shouldQueue(execution: PipelineExecution, otherRunning: number): boolean {
  if (!execution.pipelineConfigId || execution.type !== 'PIPELINE') return false;
  if (execution.limitConcurrent === true) return otherRunning > 0;
  const max = execution.maxConcurrentExecutions ?? 0;
  return max > 0 && otherRunning >= max;
}

/** True if concurrency rules apply to this execution at all. */
export const hasConcurrencyLimit = (execution: PipelineExecution): boolean =>
  execution.type === 'PIPELINE' &&
  !!execution.pipelineConfigId &&
  (execution.limitConcurrent === true || (execution.maxConcurrentExecutions ?? 0) > 0);

/** The reason Orca gives when a queued execution is superseded by a newer one. */
export const SUPERSEDED_REASON =
  'This execution was queued but then canceled because a newer queued execution superceded it. ' +
  'This pipeline is configured to automatically cancel waiting executions.';

/** A restart parked by concurrency limits (Orca parks the RestartStage message itself). */
export type ParkedRestart = Extract<EngineMessage, { kind: 'restartStage' }>;

/**
 * An entry of a config's pending list: an execution waiting to start (the member is its id) or a
 * parked restart (the member is the message as JSON).
 */
export interface PendingEntry {
  member: string;
  executionId: string;
  restart?: ParkedRestart;
}

/** The pending-list member of a parked restart. */
export const restartMember = (message: ParkedRestart): string =>
  JSON.stringify({
    kind: message.kind,
    executionType: message.executionType,
    executionId: message.executionId,
    application: message.application,
    stageId: message.stageId,
    user: message.user,
  });

/** Reads a pending-list member. */
export function pendingEntry(member: string): PendingEntry {
  if (!member.startsWith('{')) return { member, executionId: member };
  const restart = JSON.parse(member) as ParkedRestart;
  return { member, executionId: restart.executionId, restart };
}
