import type { EchoEvent } from '@genoa/shared';
import type { TaskServices } from '../ports.js';
import { defineTask, running, succeeded, terminal, type TaskInput } from './define-task.js';

/** A notification config of a manual judgment stage (Spinnaker's ManualJudgmentStage.Notification). */
interface JudgmentNotification {
  type?: string;
  address?: string;
  cc?: string;
  publisherName?: string;
  when?: string[];
  message?: Record<string, { text?: string }>;
  notifyEveryMs?: number;
  lastNotifiedByNotificationState?: Record<string, number>;
  [key: string]: unknown;
}

/** The judgment states, as notifications' `when` and echo's `templateGroup` name them. */
type JudgmentState = 'manualJudgment' | 'manualJudgmentContinue' | 'manualJudgmentStop';

/** Application authorizations that let a stage role judge (Spinnaker's ManualJudgmentAuthzGroupsUtil). */
const JUDGING_AUTHORIZATIONS = ['CREATE', 'EXECUTE', 'WRITE'];

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];

/** The roles allowed to judge: Deck's `selectedStageRoles` (older configs: `requiredJudgmentRoles`). */
export const judgmentRoles = (context: Record<string, unknown>): string[] => [
  ...new Set([...strings(context.selectedStageRoles), ...strings(context.requiredJudgmentRoles)]),
];

/**
 * Whether the user who judged may: always when the stage names no roles or the judging identity
 * carried no roles (identities without roles: Spinnaker with Fiat off); otherwise the judge must
 * hold one of the stage's roles (`lastModified.roles` keeps those the judge held) and, when the
 * application has permissions, that role must have CREATE, EXECUTE or WRITE on it.
 */
async function judgeAuthorized(input: TaskInput, services: TaskServices): Promise<boolean> {
  const roles = judgmentRoles(input.stage.context);
  const held = (input.stage.lastModified as { roles?: unknown } | undefined)?.roles;
  if (roles.length === 0 || !Array.isArray(held)) return true;
  const judging = strings(held).filter((r) => roles.includes(r));
  if (judging.length === 0) return false;
  const app = await services.front50.getApplication(input.execution.application);
  const permissions = (app?.permissions ?? {}) as Record<string, unknown>;
  if (Object.keys(permissions).length === 0) return true;
  return judging.some((r) => JUDGING_AUTHORIZATIONS.some((a) => strings(permissions[a]).includes(r)));
}

/**
 * The notifications due for a judgment state, and the notification list with their
 * `lastNotifiedByNotificationState` updated (Spinnaker's `shouldNotify`): a notification with a
 * `when` list fires only for the states in it; each fires once per state, again every
 * `notifyEveryMs` when that is positive. The judged states notify only with `sendNotifications`.
 */
export function dueNotifications(
  input: TaskInput,
  state: JudgmentState,
): { due: JudgmentNotification[]; notifications: JudgmentNotification[] } {
  const { context } = input.stage;
  const all = (Array.isArray(context.notifications) ? context.notifications : []) as JudgmentNotification[];
  if (state !== 'manualJudgment' && context.sendNotifications !== true)
    return { due: [], notifications: all };
  const due: JudgmentNotification[] = [];
  const notifications = all.map((n) => {
    if (n.when && !n.when.includes(state)) return n;
    const last = n.lastNotifiedByNotificationState?.[state];
    const every = typeof n.notifyEveryMs === 'number' ? n.notifyEveryMs : -1;
    if (last !== undefined && (every <= 0 || input.now < last + every)) return n;
    const sent = {
      ...n,
      lastNotifiedByNotificationState: { ...n.lastNotifiedByNotificationState, [state]: input.now },
    };
    due.push(sent);
    return sent;
  });
  return { due, notifications };
}

/**
 * The echo event asking for a manual judgment notification. `content` carries Spinnaker's echo
 * Notification (`notificationType`, `to`, `cc`, `templateGroup`, `severity`, `source`,
 * `additionalContext` with `judgedBy`) beside the flat fields of earlier Genoa events.
 */
function notificationEvent(input: TaskInput, state: JudgmentState, n: JudgmentNotification): EchoEvent {
  const { execution, stage } = input;
  const judgedBy = stage.context.lastModifiedBy;
  const summary = {
    id: execution.id,
    name: execution.name,
    application: execution.application,
    pipelineConfigId: execution.pipelineConfigId,
    type: execution.type,
    status: execution.status,
  };
  return {
    details: {
      source: 'orca',
      type: 'orca:stage:manualJudgment',
      created: String(input.now),
      application: execution.application,
    },
    content: {
      state,
      notification: n,
      notificationType: String(n.type ?? '').toUpperCase(),
      to: n.address ? [n.address] : n.publisherName ? [n.publisherName] : null,
      cc: n.cc ? [n.cc] : null,
      templateGroup: state,
      severity: 'HIGH',
      source: {
        executionType: execution.type,
        executionId: execution.id,
        application: execution.application,
      },
      additionalContext: {
        stageName: stage.name,
        stageId: stage.refId,
        restrictExecutionDuringTimeWindow: stage.context.restrictExecutionDuringTimeWindow,
        execution: summary,
        instructions: stage.context.instructions ?? '',
        message: n.message?.[state]?.text,
        judgmentInputs: stage.context.judgmentInputs,
        judgmentInput: stage.context.judgmentInput,
        judgedBy,
      },
      executionId: execution.id,
      stageId: stage.id,
      name: stage.name,
      instructions: stage.context.instructions,
      judgmentInputs: stage.context.judgmentInputs,
      judgmentInput: stage.context.judgmentInput,
      lastModifiedBy: judgedBy,
      judgedBy,
      execution: summary,
    },
    eventId: `manualJudgment:${stage.id}:${state}:${input.now}:${n.type ?? ''}:${n.address ?? ''}`,
  };
}

/**
 * WaitForManualJudgmentTask: waits for `judgmentStatus` continue (SUCCEEDED) or stop (TERMINAL).
 * A judgment by a user without one of the stage's roles is reset (`judgmentStatus: ""`) and the
 * stage keeps waiting, as Orca does.
 */
export const manualJudgmentTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.echo.pipeline.ManualJudgmentStage$WaitForManualJudgmentTask',
  backoffMs: 15_000,
  timeoutMs: 3 * 24 * 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services) {
    const judged = String(input.stage.context.judgmentStatus ?? '').toLowerCase();
    const status =
      (judged === 'continue' || judged === 'stop') && !(await judgeAuthorized(input, services)) ? '' : judged;
    const state: JudgmentState =
      status === 'continue'
        ? 'manualJudgmentContinue'
        : status === 'stop'
          ? 'manualJudgmentStop'
          : 'manualJudgment';
    const { due, notifications } = dueNotifications(input, state);
    if (due.length > 0) await services.publishEvents(due.map((n) => notificationEvent(input, state, n)));
    const context: Record<string, unknown> = due.length > 0 ? { notifications } : {};
    if (status !== judged) {
      context.judgmentStatus = '';
      services.logger.warn(
        {
          executionId: input.execution.id,
          stageId: input.stage.id,
          user: input.stage.context.lastModifiedBy,
        },
        'manual judgment by a user without one of the stage roles; reset',
      );
    }
    if (status === 'continue') return succeeded({ context });
    if (status === 'stop') {
      const by = input.stage.context.lastModifiedBy ?? 'anonymous';
      return terminal(`Stage was judged "stop" by ${String(by)}`, context, input.now);
    }
    return running(context);
  },
});
