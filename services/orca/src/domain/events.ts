import {
  OrcaEventType,
  type EchoEvent,
  type ExecutionStatus,
  type PipelineExecution,
  type StageExecution,
  type TaskExecution,
} from '@genoa/shared';

/** A small view of the execution carried by stage and task events (the full one rides on pipeline events). */
function executionSummary(e: PipelineExecution): Record<string, unknown> {
  return {
    id: e.id,
    type: e.type,
    application: e.application,
    name: e.name,
    pipelineConfigId: e.pipelineConfigId,
    status: e.status,
    buildTime: e.buildTime,
    startTime: e.startTime,
    endTime: e.endTime,
    authentication: e.authentication,
    trigger: e.trigger
      ? { type: e.trigger.type, user: e.trigger.user, parameters: e.trigger.parameters }
      : undefined,
    notifications: e.notifications,
  };
}

const details = (e: PipelineExecution, type: string, now: number) => ({
  source: 'orca',
  type,
  created: String(now),
  application: e.application,
});

/** `orca:pipeline:*` (or `orca:orchestration:*`) for an execution starting or ending. */
export function executionEvent(
  e: PipelineExecution,
  phase: 'starting' | 'complete' | 'failed',
  now: number,
): EchoEvent {
  const kind = e.type === 'PIPELINE' ? 'pipeline' : 'orchestration';
  const key = `${kind}${phase[0]!.toUpperCase()}${phase.slice(1)}` as keyof typeof OrcaEventType;
  return {
    details: details(e, OrcaEventType[key], now),
    content: { execution: e, executionId: e.id },
    eventId: `${OrcaEventType[key]}:${e.id}:${e.startTime ?? e.buildTime ?? 0}`,
  };
}

/** The event phase of a completed stage or task status. */
export const phaseOf = (status: ExecutionStatus): 'complete' | 'failed' | 'skipped' =>
  status === 'SKIPPED'
    ? 'skipped'
    : status === 'SUCCEEDED' || status === 'FAILED_CONTINUE'
      ? 'complete'
      : 'failed';

/** The content fields stage and task events share (echo's stage/task listener shape). */
function stageContent(e: PipelineExecution, stage: StageExecution) {
  return {
    standalone: e.type === 'ORCHESTRATION',
    canceled: e.canceled === true,
    context: stage.context,
    executionId: e.id,
    stageId: stage.id,
    isSynthetic: stage.syntheticStageOwner != null,
    name: stage.name,
    execution: executionSummary(e),
  };
}

/** `orca:stage:*` for a stage starting, completing, failing or being skipped. */
export function stageEvent(
  e: PipelineExecution,
  stage: StageExecution,
  phase: 'starting' | 'complete' | 'failed' | 'skipped',
  now: number,
): EchoEvent {
  const type = `orca:stage:${phase}`;
  return {
    details: details(e, type, now),
    content: {
      ...stageContent(e, stage),
      startTime: stage.startTime,
      endTime: stage.endTime,
      type: stage.type,
      status: stage.status,
    },
    eventId: `${type}:${stage.id}:${stage.startTime ?? 0}`,
  };
}

/** `orca:task:*` for a task starting, completing or failing. */
export function taskEvent(
  e: PipelineExecution,
  stage: StageExecution,
  task: TaskExecution,
  phase: 'starting' | 'complete' | 'failed',
  now: number,
): EchoEvent {
  const type = `orca:task:${phase}`;
  return {
    details: details(e, type, now),
    content: {
      ...stageContent(e, stage),
      startTime: task.startTime,
      endTime: task.endTime,
      taskName: task.name,
      status: task.status,
    },
    eventId: `${type}:${stage.id}:${task.id}:${task.startTime ?? 0}`,
  };
}
