import { isComplete, type ExecutionStatus, type PipelineExecution, type StageExecution } from '@genoa/shared';
import { allUpstreamsComplete, syntheticChildren, tasksOf, topLevelStages } from './graph.js';

/**
 * Orca's `failureStatus`: `continuePipeline` → FAILED_CONTINUE; `failPipeline` null or true →
 * the default (TERMINAL, or CANCELED for canceled tasks); otherwise STOPPED.
 */
export function failureStatus(
  stage: StageExecution,
  fallback: ExecutionStatus = 'TERMINAL',
): ExecutionStatus {
  if (stage.context.continuePipeline === true) return 'FAILED_CONTINUE';
  const fail = stage.context.failPipeline;
  if (fail == null || fail === true) return fallback;
  return 'STOPPED';
}

/** CompleteTask: does this task result end the stage (last task, or a halt that is not a continue)? */
export function shouldCompleteStage(
  stageEnd: boolean,
  status: ExecutionStatus,
  originalStatus: ExecutionStatus | undefined,
): boolean {
  if (stageEnd) return true;
  return (
    originalStatus !== 'FAILED_CONTINUE' &&
    (status === 'TERMINAL' || status === 'CANCELED' || status === 'STOPPED')
  );
}

/** CompleteStage's `determineStatus` over synthetic children and tasks (engine.md §3.2). */
export function determineStageStatus(execution: PipelineExecution, stage: StageExecution): ExecutionStatus {
  const statuses: ExecutionStatus[] = [
    ...syntheticChildren(execution, stage).map((s) => s.status),
    ...tasksOf(stage).map((t) => t.status),
  ];
  if (stage.context.beforeStagePlanningFailed === true) statuses.push(failureStatus(stage));
  if (statuses.length === 0) return 'NOT_STARTED';
  if (statuses.includes('TERMINAL')) return failureStatus(stage);
  if (statuses.includes('STOPPED')) return 'STOPPED';
  if (statuses.includes('CANCELED')) return 'CANCELED';
  if (statuses.includes('FAILED_CONTINUE')) return 'FAILED_CONTINUE';
  if (statuses.every((s) => s === 'SUCCEEDED' || s === 'SKIPPED')) return 'SUCCEEDED';
  if (syntheticChildren(execution, stage, 'STAGE_AFTER').some((s) => s.status === 'NOT_STARTED'))
    return 'RUNNING';
  if (tasksOf(stage).some((t) => !isComplete(t.status))) return 'RUNNING';
  return 'TERMINAL';
}

/**
 * CompleteExecution's decision over top-level stages: SUCCEEDED, TERMINAL, CANCELED, or
 * undefined while other branches are still running.
 */
export function determineExecutionStatus(execution: PipelineExecution): ExecutionStatus | undefined {
  const stages = topLevelStages(execution);
  const ok = (s: ExecutionStatus) => s === 'SUCCEEDED' || s === 'SKIPPED' || s === 'FAILED_CONTINUE';
  if (stages.every((s) => ok(s.status))) return 'SUCCEEDED';
  if (stages.some((s) => s.status === 'TERMINAL')) return 'TERMINAL';
  if (stages.some((s) => s.status === 'CANCELED')) return 'CANCELED';
  const stopped = stages.filter((s) => s.status === 'STOPPED');
  if (stopped.length > 0) {
    const otherBranchRunning = stages.some(
      (s) =>
        s.status === 'RUNNING' ||
        s.status === 'PAUSED' ||
        (s.status === 'NOT_STARTED' && allUpstreamsComplete(execution, s)),
    );
    if (otherBranchRunning) return undefined;
    return stopped.some((s) => s.context.completeOtherBranchesThenFail === true) ? 'TERMINAL' : 'SUCCEEDED';
  }
  return undefined;
}
