import type { ExecutionStatus, PipelineExecution, StageExecution } from '@genoa/shared';
import type { StatusTone } from '../../components/StatusBadge.js';

const tones: Readonly<Record<ExecutionStatus, StatusTone>> = {
  NOT_STARTED: 'pending',
  BUFFERED: 'pending',
  RUNNING: 'running',
  REDIRECT: 'running',
  PAUSED: 'warning',
  SUSPENDED: 'warning',
  FAILED_CONTINUE: 'warning',
  SUCCEEDED: 'up',
  TERMINAL: 'down',
  CANCELED: 'unknown',
  STOPPED: 'unknown',
  SKIPPED: 'unknown',
};

const labels: Readonly<Record<ExecutionStatus, string>> = {
  NOT_STARTED: 'NOT STARTED',
  BUFFERED: 'BUFFERED',
  RUNNING: 'RUNNING',
  REDIRECT: 'RUNNING',
  PAUSED: 'PAUSED',
  SUSPENDED: 'SUSPENDED',
  FAILED_CONTINUE: 'FAILED (CONTINUED)',
  SUCCEEDED: 'SUCCEEDED',
  TERMINAL: 'TERMINAL',
  CANCELED: 'CANCELED',
  STOPPED: 'STOPPED',
  SKIPPED: 'SKIPPED',
};

/** The badge colour of an execution, stage or task status. */
export const statusTone = (status: ExecutionStatus): StatusTone => tones[status];

/** The human label of a status (always shown beside its colour). */
export const statusLabel = (status: ExecutionStatus): string => labels[status];

/** `ms` as Spinnaker shows durations: `850ms`, `12s`, `3m 04s`, `2h 05m`. Negative or missing → `—`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** How long something with `startTime`/`endTime` has run (until `now` when still running). */
export function elapsed(
  item: { startTime?: number | null; endTime?: number | null },
  now: number,
): number | undefined {
  if (item.startTime === null || item.startTime === undefined) return undefined;
  return (item.endTime ?? now) - item.startTime;
}

/** The top-level stages of an execution (synthetic before/after stages hidden), in order. */
export const visibleStages = (execution: PipelineExecution): StageExecution[] =>
  execution.stages.filter((stage) => !stage.parentStageId && !stage.syntheticStageOwner);

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * Why a stage failed, most specific first: `context.exception.details.errors`, then
 * `details.error`, then the failing tasks' exception details. Empty when it did not fail.
 */
export function stageFailureMessages(stage: StageExecution): string[] {
  const details = asRecord(asRecord(stage.context.exception)?.details);
  const errors = Array.isArray(details?.errors)
    ? details.errors.filter((error): error is string => typeof error === 'string')
    : [];
  if (errors.length > 0) return errors;
  if (typeof details?.error === 'string') return [details.error];
  for (const task of stage.tasks ?? []) {
    const taskDetails = asRecord(asRecord(task.taskExceptionDetails)?.exception)?.details;
    const taskErrors = asRecord(taskDetails)?.errors;
    if (Array.isArray(taskErrors) && typeof taskErrors[0] === 'string') return [taskErrors[0]];
  }
  return [];
}

/** The RUNNING manual judgment stage waiting for someone, if any. */
export const pendingJudgment = (execution: PipelineExecution): StageExecution | undefined =>
  execution.stages.find((stage) => stage.type === 'manualJudgment' && stage.status === 'RUNNING');

/** The options a manual judgment offers (`context.judgmentInputs[].value`). */
export function judgmentInputs(stage: StageExecution): string[] {
  const inputs = stage.context.judgmentInputs;
  if (!Array.isArray(inputs)) return [];
  return inputs
    .map((input) => asRecord(input)?.value)
    .filter((value): value is string => typeof value === 'string' && value !== '');
}

/** True while an execution can still be cancelled. */
export const isActive = (status: ExecutionStatus): boolean =>
  status === 'RUNNING' ||
  status === 'PAUSED' ||
  status === 'SUSPENDED' ||
  status === 'NOT_STARTED' ||
  status === 'BUFFERED';
