import type { PipelineExecution, StageExecution, TaskExecution } from '@genoa/shared';
import { errorCodeOf } from '@genoa/shared';
import { parentOf } from './graph.js';

/** The nearest `stageTimeoutMs` walking up the parent chain, with the stage that set it. */
export function stageTimeout(
  execution: PipelineExecution,
  stage: StageExecution,
): { timeoutMs: number; owner: StageExecution } | undefined {
  for (let s: StageExecution | undefined = stage; s; s = parentOf(execution, s)) {
    const ms = s.context.stageTimeoutMs;
    if (typeof ms === 'number' && ms > 0) return { timeoutMs: ms, owner: s };
  }
  return undefined;
}

/** How long the execution has been paused in total (ms). */
export function pausedDuration(execution: PipelineExecution, now: number): number {
  const p = execution.paused;
  if (!p?.pauseTime) return 0;
  return Math.max(0, (p.resumeTime ?? now) - p.pauseTime);
}

/** Which timeout, if any, a task has passed (stage timeout first; the window stage is exempt). */
export function timedOut(
  execution: PipelineExecution,
  stage: StageExecution,
  task: TaskExecution,
  taskTimeoutMs: number,
  overridable: boolean,
  now: number,
): string | undefined {
  if (stage.type === 'restrictExecutionDuringTimeWindow') return undefined;
  const paused = pausedDuration(execution, now);
  const st = stageTimeout(execution, stage);
  if (st?.owner.startTime != null) {
    const elapsed = now - st.owner.startTime - paused;
    if (elapsed > st.timeoutMs)
      return `stage ${st.owner.name ?? st.owner.type} timed out after ${elapsed} ms`;
  }
  const limit = overridable && st ? st.timeoutMs : taskTimeoutMs;
  if (task.startTime != null && Number.isFinite(limit)) {
    const elapsed = now - task.startTime - paused;
    if (elapsed > limit)
      return `${task.implementingClass ?? task.name} of stage ${stage.name ?? stage.type} timed out after ${elapsed} ms`;
  }
  return undefined;
}

/**
 * Whether a task error should be retried after the back-off (Orca's ExceptionHandler chain):
 * network failures, and upstream 5xx/429 or unavailability.
 */
export function isRetryable(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (code === 'SERVICE_UNAVAILABLE') return true;
  if (code === 'UPSTREAM') {
    const status = (err as { upstreamStatus?: number }).upstreamStatus;
    return status === undefined || status >= 500 || status === 429;
  }
  if (err instanceof TypeError && /fetch failed|network|ECONN|socket/i.test(err.message)) return true;
  const c =
    (err as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
  return typeof c === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(c);
}
