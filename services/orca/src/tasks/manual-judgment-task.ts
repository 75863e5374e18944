import type { EchoEvent } from '@genoa/shared';
import { defineTask, running, succeeded, terminal, type TaskInput } from './define-task.js';

/** A notification config of a manual judgment stage. */
interface JudgmentNotification {
  type?: string;
  address?: string;
  when?: string[];
  notifyEveryMs?: number;
  [key: string]: unknown;
}

/**
 * The notifications due for a judgment state (`manualJudgment` while waiting,
 * `manualJudgmentContinue`/`manualJudgmentStop` once judged), honouring `notifyEveryMs`.
 */
export function dueNotifications(
  input: TaskInput,
  state: string,
): { due: JudgmentNotification[]; sent: Record<string, number> } {
  const { context } = input.stage;
  const sent = { ...((context.lastNotifiedByNotificationState as Record<string, number> | undefined) ?? {}) };
  if (context.sendNotifications === false) return { due: [], sent };
  const all = (Array.isArray(context.notifications) ? context.notifications : []) as JudgmentNotification[];
  const due = all.filter((n, i) => {
    if (!(n.when ?? []).includes(state)) return false;
    const key = `${state}:${i}`;
    const last = sent[key];
    const every = typeof n.notifyEveryMs === 'number' && n.notifyEveryMs > 0 ? n.notifyEveryMs : Infinity;
    if (last !== undefined && input.now - last < every) return false;
    sent[key] = input.now;
    return true;
  });
  return { due, sent };
}

/** The echo event that asks for a manual judgment notification. */
function notificationEvent(input: TaskInput, state: string, notification: JudgmentNotification): EchoEvent {
  const { execution, stage } = input;
  return {
    details: {
      source: 'orca',
      type: 'orca:stage:manualJudgment',
      created: String(input.now),
      application: execution.application,
    },
    content: {
      state,
      notification,
      executionId: execution.id,
      stageId: stage.id,
      name: stage.name,
      instructions: stage.context.instructions,
      judgmentInputs: stage.context.judgmentInputs,
      judgmentInput: stage.context.judgmentInput,
      lastModifiedBy: stage.context.lastModifiedBy,
      execution: {
        id: execution.id,
        name: execution.name,
        application: execution.application,
        pipelineConfigId: execution.pipelineConfigId,
      },
    },
    eventId: `manualJudgment:${stage.id}:${state}:${input.now}:${notification.type ?? ''}:${notification.address ?? ''}`,
  };
}

/** WaitForManualJudgmentTask: waits for `judgmentStatus` continue (SUCCEEDED) or stop (TERMINAL). */
export const manualJudgmentTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.echo.pipeline.ManualJudgmentStage$WaitForManualJudgmentTask',
  backoffMs: 15_000,
  timeoutMs: 3 * 24 * 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services) {
    const status = String(input.stage.context.judgmentStatus ?? '').toLowerCase();
    const state =
      status === 'continue'
        ? 'manualJudgmentContinue'
        : status === 'stop'
          ? 'manualJudgmentStop'
          : 'manualJudgment';
    const { due, sent } = dueNotifications(input, state);
    if (due.length > 0) await services.publishEvents(due.map((n) => notificationEvent(input, state, n)));
    const context = { lastNotifiedByNotificationState: sent };
    if (status === 'continue') return succeeded({ context });
    if (status === 'stop') {
      const by = input.stage.context.lastModifiedBy ?? 'anonymous';
      return terminal(`Stage was judged "stop" by ${String(by)}`, context, input.now);
    }
    return running(context);
  },
});
