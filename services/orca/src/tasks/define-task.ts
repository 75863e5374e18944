import type { ExecutionStatus, PipelineExecution, StageExecution, TaskExecution } from '@genoa/shared';
import type { TaskServices } from '../ports.js';

/** What a task returns: a status, stage-scoped `context` and pipeline-visible `outputs`. */
export interface TaskResult {
  status: ExecutionStatus;
  context?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** For RUNNING: call again after this long instead of the task's back-off. */
  backoffMs?: number;
  /** Sets the stage's `scheduledTime` (execution windows). */
  scheduledTime?: number;
}

/** What a task run sees: the execution, the stage with its evaluated context, the task, now. */
export interface TaskInput {
  execution: PipelineExecution;
  stage: StageExecution;
  task: TaskExecution;
  now: number;
}

/** A task definition: Orca's `Task`/`RetryableTask`, as data (STYLE §7.4). */
export interface TaskDefinition {
  /** Spinnaker's implementing class name (the task type in messages and JSON). */
  implementingClass: string;
  /** Back-off between RUNNING invocations (ms), possibly depending on the stage. */
  backoffMs: number | ((input: TaskInput) => number);
  /** Total time the task may take (ms); Infinity = no limit. */
  timeoutMs: number | ((input: TaskInput) => number);
  /** The nearest `stageTimeoutMs` replaces the timeout (OverridableTimeoutRetryableTask). */
  overridableTimeout?: boolean;
  /**
   * The task acts on the outside world and must not repeat an attempt that was interrupted: the
   * engine records each attempt before running it and fails the task rather than repeating.
   */
  sideEffects?: boolean;
  /**
   * The task calls out with idempotency keys taken from stored stage state (its start time, ids), so
   * the other side de-duplicates a retry: it runs only from a queued message, after the state it
   * keys by is stored, never inside an in-process chain whose replay would re-key it. A retry
   * after a crash runs it again (unlike {@link sideEffects}).
   */
  keyedByStoredState?: boolean;
  run(input: TaskInput, services: TaskServices): Promise<TaskResult> | TaskResult;
  /** On timeout: a result to use instead of the timeout failure. */
  onTimeout?(input: TaskInput): TaskResult | undefined;
}

/** Defines a task; a typed identity helper. */
export const defineTask = (definition: TaskDefinition): TaskDefinition => definition;

/** A RUNNING result. */
export const running = (context?: Record<string, unknown>, backoffMs?: number): TaskResult => ({
  status: 'RUNNING',
  context,
  backoffMs,
});

/** A SUCCEEDED result. */
export const succeeded = (
  data: { context?: Record<string, unknown>; outputs?: Record<string, unknown> } = {},
): TaskResult => ({
  status: 'SUCCEEDED',
  ...data,
});

/** A TERMINAL result with Spinnaker's `exception` shape in the context (what Deck shows). */
export const terminal = (
  error: string,
  context: Record<string, unknown> = {},
  now = Date.now(),
): TaskResult => ({
  status: 'TERMINAL',
  context: { ...context, exception: exceptionDetails(error, now) },
});

/** Spinnaker's `context.exception` shape. */
export function exceptionDetails(
  error: string,
  now: number,
  exceptionType = 'TaskFailed',
  shouldRetry = false,
) {
  return { exceptionType, operation: null, shouldRetry, timestamp: now, details: { error, errors: [error] } };
}
