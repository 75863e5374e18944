import { isComplete, type EngineMessage, type PipelineExecution, type StageExecution } from '@genoa/shared';
import { allUpstreamsComplete, anyUpstreamHalted, parentOf, syntheticChildren, tasksOf } from './graph.js';

/** The ids every message about this execution carries. */
export const executionLevel = (e: PipelineExecution) =>
  ({ executionType: e.type, executionId: e.id, application: e.application }) as const;

/**
 * What should be pending for an execution that looks idle: the messages that move it on from its
 * current state. Handlers are idempotent, so pushing these when work is in fact pending is
 * harmless. runTask messages are returned separately: the caller pushes them only when none is
 * queued (a task may legitimately wait a long back-off).
 */
export function repairMessages(execution: PipelineExecution): {
  messages: EngineMessage[];
  runTasks: EngineMessage[];
} {
  const level = executionLevel(execution);
  const messages: EngineMessage[] = [];
  const runTasks: EngineMessage[] = [];
  if (isComplete(execution.status)) return { messages, runTasks };
  if (execution.status === 'NOT_STARTED')
    return { messages: [{ kind: 'startExecution', ...level }], runTasks };
  if (execution.status === 'PAUSED') return { messages, runTasks };
  let active = false;
  for (const stage of execution.stages) {
    const stageLevel = { ...level, stageId: stage.id };
    if (stage.status === 'RUNNING') {
      active = true;
      const running = tasksOf(stage).find((t) => t.status === 'RUNNING');
      if (running) {
        runTasks.push({ kind: 'runTask', ...stageLevel, taskId: running.id });
        continue;
      }
      if (syntheticChildren(execution, stage).some((c) => c.status === 'RUNNING')) continue;
      messages.push(nextForRunningStage(execution, stage));
    } else if (stage.status === 'NOT_STARTED' && startableNow(execution, stage)) {
      active = true;
      messages.push({ kind: 'startStage', ...stageLevel });
    }
  }
  if (!active) messages.push({ kind: 'completeExecution', ...level });
  return { messages, runTasks };
}

/** A NOT_STARTED stage whose turn has come (upstreams done; a synthetic one's parent running). */
function startableNow(execution: PipelineExecution, stage: StageExecution): boolean {
  if (!allUpstreamsComplete(execution, stage) || anyUpstreamHalted(execution, stage)) return false;
  const parent = parentOf(execution, stage);
  if (!parent) return true;
  if (parent.status !== 'RUNNING') return false;
  if (stage.syntheticStageOwner === 'STAGE_AFTER') return tasksOf(parent).every((t) => isComplete(t.status));
  return true;
}

/** The message that moves a RUNNING stage with nothing running inside it. */
function nextForRunningStage(execution: PipelineExecution, stage: StageExecution): EngineMessage {
  const stageLevel = { ...executionLevel(execution), stageId: stage.id };
  const before = syntheticChildren(execution, stage, 'STAGE_BEFORE');
  const tasks = tasksOf(stage);
  if (before.some((b) => !isComplete(b.status)))
    return { kind: 'continueParentStage', ...stageLevel, phase: 'STAGE_BEFORE' };
  const firstPending = tasks.findIndex((t) => t.status === 'NOT_STARTED');
  if (firstPending === 0 && before.length > 0)
    return { kind: 'continueParentStage', ...stageLevel, phase: 'STAGE_BEFORE' };
  if (firstPending === 0) return { kind: 'startTask', ...stageLevel, taskId: tasks[0]!.id };
  if (firstPending > 0) {
    const prev = tasks[firstPending - 1]!;
    return { kind: 'completeTask', ...stageLevel, taskId: prev.id, status: prev.status };
  }
  const paused = tasks.find((t) => t.status === 'PAUSED');
  if (paused) return { kind: 'resumeTask', ...stageLevel, taskId: paused.id };
  return { kind: 'completeStage', ...stageLevel };
}
