import type { EngineMessage, ExecutionStatus, StageExecution, TaskExecution } from '@genoa/shared';
import { hasConcurrencyLimit as hasLimit, shouldQueue } from '../domain/concurrency.js';
import { downstreamStages, parentOf, stageById } from '../domain/graph.js';
import { executionLevel } from '../domain/repair.js';
import type { HandlerContext } from './handler-context.js';

/** Stage-level message fields for a stage of the context's execution. */
export const stageLevel = (ctx: HandlerContext, stage: StageExecution) => ({
  ...executionLevel(ctx.execution),
  stageId: stage.id,
});

/** Task-level message fields. */
export const taskLevel = (ctx: HandlerContext, stage: StageExecution, task: TaskExecution) => ({
  ...stageLevel(ctx, stage),
  taskId: task.id,
});

/** The stage a message names, or undefined (logged: a stale message after a restart, for instance). */
export function findStage(ctx: HandlerContext, stageId: string): StageExecution | undefined {
  const stage = stageById(ctx.execution, stageId);
  if (!stage) ctx.log.warn({ stageId }, 'message names an unknown stage; ignored');
  return stage;
}

/** The task a message names within a stage. */
export function findTask(
  ctx: HandlerContext,
  stage: StageExecution,
  taskId: string,
): TaskExecution | undefined {
  const task = (stage.tasks ?? []).find((t) => t.id === taskId);
  if (!task) ctx.log.warn({ stageId: stage.id, taskId }, 'message names an unknown task; ignored');
  return task;
}

/**
 * Orca's `startNext`: start the downstream stages; a synthetic stage without downstream continues
 * its parent; a top-level stage without downstream completes the execution.
 */
export function startNext(ctx: HandlerContext, stage: StageExecution): void {
  const downstream = downstreamStages(ctx.execution, stage);
  if (downstream.length > 0) {
    for (const d of downstream) ctx.push({ kind: 'startStage', ...stageLevel(ctx, d) });
    return;
  }
  const parent = parentOf(ctx.execution, stage);
  if (parent && stage.syntheticStageOwner) {
    ctx.push({ kind: 'continueParentStage', ...stageLevel(ctx, parent), phase: stage.syntheticStageOwner });
    return;
  }
  ctx.push({ kind: 'completeExecution', ...executionLevel(ctx.execution) });
}

/** After a stage halted: cancel it, then complete the execution or the parent. */
export function afterHalt(ctx: HandlerContext, stage: StageExecution): void {
  ctx.push({ kind: 'cancelStage', ...stageLevel(ctx, stage) });
  const parent = parentOf(ctx.execution, stage);
  const next: EngineMessage = parent
    ? { kind: 'completeStage', ...stageLevel(ctx, parent) }
    : { kind: 'completeExecution', ...executionLevel(ctx.execution) };
  ctx.push(next);
}

/** True if the stage or one of its ancestors was skipped by a user (`manualSkip`). */
export function manuallySkipped(ctx: HandlerContext, stage: StageExecution): boolean {
  for (let s: StageExecution | undefined = stage; s; s = parentOf(ctx.execution, s))
    if (s.context.manualSkip === true) return true;
  return false;
}

/** Statuses a completed task may carry for CompleteTask. */
export const taskDone = (status: ExecutionStatus): boolean =>
  status !== 'RUNNING' && status !== 'NOT_STARTED' && status !== 'PAUSED';

/**
 * True (and the entry parked in the config's pending list) if concurrency limits hold the
 * execution back (engine.md §3.8). After parking it counts again: an execution that ended in
 * between did not see the entry, so the wait list is drained now instead.
 */
export async function parkedByConcurrency(
  ctx: HandlerContext,
  member: string,
  score: number,
): Promise<boolean> {
  const e = ctx.execution;
  const configId = e.pipelineConfigId;
  if (!configId || !hasLimit(e)) return false;
  const others = async () =>
    (await ctx.deps.repository.runningForConfig(configId)).filter((id) => id !== e.id).length;
  if (!shouldQueue(e, await others())) return false;
  await ctx.deps.repository.addPending(configId, member, score);
  if (!shouldQueue(e, await others()))
    ctx.push({
      kind: 'startWaitingExecutions',
      pipelineConfigId: configId,
      purgeQueue: !e.keepWaitingPipelines,
    });
  ctx.log.info({ pipelineConfigId: configId }, 'held back by the pipeline concurrency limit');
  return true;
}
