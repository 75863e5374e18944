import { isComplete, type ExecutionStatus, type StageExecution, type TaskExecution } from '@genoa/shared';
import { hasExpressions } from '../../domain/context.js';
import { isRetryable, timedOut } from '../../domain/timeouts.js';
import {
  exceptionDetails,
  terminal,
  type TaskDefinition,
  type TaskInput,
  type TaskResult,
} from '../../tasks/define-task.js';
import { findStage, findTask, manuallySkipped, taskLevel } from '../engine-support.js';
import type { Handler, HandlerContext } from '../handler-context.js';
import { recordSummary } from '../stage-planner.js';
import { failureStatus } from '../../domain/status.js';

/** Attempt bookkeeping kept on a side-effecting task. */
interface Attempts {
  started: number;
  finished: number;
}

/** RunTask: run one invocation of a task and decide: again later, or complete it. */
export const runTaskHandler: Handler<'runTask'> = {
  scope: 'execution',
  async handle(message, ctx) {
    const e = ctx.execution;
    const stage = findStage(ctx, message.stageId);
    const task = stage && findTask(ctx, stage, message.taskId);
    if (!stage || !task || task.status !== 'RUNNING') return;
    const complete = (status: ExecutionStatus, originalStatus?: ExecutionStatus) => {
      ctx.changed();
      task.status = status; // recorded now, so a duplicate runTask is a no-op
      ctx.push({ kind: 'completeTask', ...taskLevel(ctx, stage, task), status, originalStatus });
    };
    if (e.canceled === true || isComplete(e.status)) return complete('CANCELED');
    if (e.status === 'PAUSED') return ctx.push({ kind: 'pauseTask', ...taskLevel(ctx, stage, task) });
    if (manuallySkipped(ctx, stage)) return complete('SKIPPED');
    const definition = ctx.deps.tasks.resolve(task.implementingClass);
    if (!definition) {
      fail(ctx, stage, task, `No task implementation for ${task.implementingClass ?? task.name}`);
      return complete(failureStatus(stage), 'TERMINAL');
    }
    const input = await taskInput(ctx, stage, task);
    const timeout =
      typeof definition.timeoutMs === 'function' ? definition.timeoutMs(input) : definition.timeoutMs;
    const expired = timedOut(e, stage, task, timeout, definition.overridableTimeout === true, ctx.now);
    let result: TaskResult;
    if (expired) {
      result = definition.onTimeout?.(input) ?? terminal(expired, {}, ctx.now);
      ctx.log.warn({ stageId: stage.id, taskId: task.id, reason: expired }, 'task timed out');
    } else {
      const outcome = await invoke(ctx, definition, input, stage, task);
      if (outcome === 'retry') return ctx.retryLater(backoff(definition, input, stage));
      result = outcome;
    }
    merge(ctx, stage, result);
    switch (result.status) {
      case 'RUNNING':
        return ctx.retryLater(result.backoffMs ?? backoff(definition, input, stage));
      case 'TERMINAL':
        if (stage.context.exception) task.taskExceptionDetails = { exception: stage.context.exception };
        return complete(failureStatus(stage), 'TERMINAL');
      case 'CANCELED':
        return complete(failureStatus(stage, 'CANCELED'), 'CANCELED');
      default:
        return complete(result.status);
    }
  },
};

/** Runs the task once, recording attempts of side-effecting tasks; 'retry' on a retryable error. */
async function invoke(
  ctx: HandlerContext,
  definition: TaskDefinition,
  input: TaskInput,
  stage: StageExecution,
  task: TaskExecution,
): Promise<TaskResult | 'retry'> {
  const record = task as TaskExecution & { attempts?: Attempts };
  if (definition.sideEffects) {
    const attempts = record.attempts ?? { started: 0, finished: 0 };
    if (attempts.started > attempts.finished) {
      return terminal(
        `${task.name} was interrupted after it may have acted (attempt ${attempts.started}); it is not repeated`,
        {},
        ctx.now,
      );
    }
    record.attempts = { started: attempts.started + 1, finished: attempts.finished };
    ctx.changed();
    await ctx.checkpoint();
  }
  try {
    return await definition.run(input, ctx.deps.services);
  } catch (err) {
    if (isRetryable(err)) {
      ctx.log.warn({ err, stageId: stage.id, taskId: task.id }, 'task failed with a retryable error');
      return 'retry';
    }
    ctx.log.warn({ err, stageId: stage.id, taskId: task.id }, 'task failed');
    return terminal((err as Error).message, {}, ctx.now);
  } finally {
    if (definition.sideEffects && record.attempts) record.attempts.finished = record.attempts.started;
  }
}

/** The task's view: the stage with its context re-evaluated (values produced since planning). */
async function taskInput(
  ctx: HandlerContext,
  stage: StageExecution,
  task: TaskExecution,
): Promise<TaskInput> {
  if (!hasExpressions(stage.context) || stage.context.skipExpressionEvaluation === true)
    return { execution: ctx.execution, stage, task, now: ctx.now };
  const { value, summary } = await ctx.deps.expressions.evaluateTree(
    stage.context,
    { execution: ctx.execution, stage },
    ctx.now,
  );
  const evaluated = { ...stage, context: value as Record<string, unknown> };
  if (Object.keys(summary).length > 0) recordSummary(evaluated, summary);
  return { execution: ctx.execution, stage: evaluated, task, now: ctx.now };
}

/** Back-off: the task's, at least the stage's `backoffPeriodMs`. */
function backoff(definition: TaskDefinition, input: TaskInput, stage: StageExecution): number {
  const own = typeof definition.backoffMs === 'function' ? definition.backoffMs(input) : definition.backoffMs;
  const stageMin = typeof stage.context.backoffPeriodMs === 'number' ? stage.context.backoffPeriodMs : 0;
  return Math.max(0, own, stageMin);
}

/** Merges a result: context into the stage context, outputs (minus stageTimeoutMs) into outputs. */
function merge(ctx: HandlerContext, stage: StageExecution, result: TaskResult): void {
  if (!result.context && !result.outputs && result.scheduledTime === undefined) return;
  ctx.changed();
  Object.assign(stage.context, result.context ?? {});
  const outputs = { ...(result.outputs ?? {}) };
  delete outputs.stageTimeoutMs;
  stage.outputs = { ...(stage.outputs ?? {}), ...outputs };
  if (result.scheduledTime !== undefined) stage.scheduledTime = result.scheduledTime;
}

/** Records a failure on the stage and task the way Deck reads it. */
function fail(ctx: HandlerContext, stage: StageExecution, task: TaskExecution, error: string): void {
  const exception = exceptionDetails(error, ctx.now);
  stage.context.exception = exception;
  task.taskExceptionDetails = { exception };
}
