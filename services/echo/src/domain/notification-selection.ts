import type { EchoEvent, JsonMap, Notification } from '@genoa/shared';

/** One notification to send for an event: the preference, the `when` that fired it, the facts. */
export interface NotificationRequest {
  notification: Notification;
  when: string;
  level: 'pipeline' | 'stage';
  application: string;
  executionType: 'pipeline' | 'orchestration';
  executionId: string;
  executionName: string;
  status: string;
  stageName?: string;
  stageType?: string;
  user?: string;
  customText?: string;
}

const obj = (v: unknown): JsonMap => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonMap) : {});
const list = (v: unknown): Notification[] =>
  Array.isArray(v) ? (v as Notification[]).filter((n) => n && typeof n.type === 'string') : [];

/** The one notification of an `orca:stage:manualJudgment` event: `content.notification` for `content.state`. */
function judgmentRequest(event: EchoEvent): NotificationRequest[] {
  const content = event.content;
  const notification = obj(content.notification) as Notification;
  const state = typeof content.state === 'string' ? content.state : '';
  if (typeof notification.type !== 'string' || !state) return [];
  const execution = obj(content.execution);
  const text = obj(obj(notification.message)[state]).text;
  return [
    {
      notification,
      when: state,
      level: 'stage',
      application: String(event.details.application ?? execution.application ?? ''),
      executionType: 'pipeline',
      executionId: String(content.executionId ?? execution.id ?? ''),
      executionName: String(execution.name ?? ''),
      status: 'manualJudgment',
      stageName: String(content.name ?? ''),
      stageType: 'manualJudgment',
      ...(typeof text === 'string' ? { customText: text } : {}),
    },
  ];
}

/**
 * Which notifications an orca lifecycle event fires (echo's AbstractEventNotificationAgent,
 * edge.md §4.6): pipeline-level preferences of `content.execution.notifications` for
 * `pipeline.<status>` (`orchestration.<status>`), stage-level ones of `content.context.notifications`
 * when `sendNotifications` is on and the stage is not synthetic, for `stage.<status>` (manual
 * judgment stages too). Manual judgment notifications (`manualJudgment`, `manualJudgmentContinue`,
 * `manualJudgmentStop`) are asked for by orca itself, one `orca:stage:manualJudgment` event per
 * notification and state (re-sent per `notifyEveryMs`), as Spinnaker's orca calls echo for them.
 * Canceled executions and stages, and non-standalone task events, fire nothing.
 */
export function selectNotifications(event: EchoEvent): NotificationRequest[] {
  const match = /^orca:(pipeline|orchestration|stage|task):(\w+)$/.exec(event.details.type);
  if (!match) return [];
  const [, kind, status] = match as unknown as [
    string,
    'pipeline' | 'orchestration' | 'stage' | 'task',
    string,
  ];
  const content = event.content;
  const execution = obj(content.execution);
  if (kind === 'stage' && status === 'manualJudgment') return judgmentRequest(event);
  if (execution.status === 'CANCELED' || execution.canceled === true || content.canceled === true) return [];
  if (kind === 'task' && !content.standalone) return [];
  const base = {
    application: String(event.details.application ?? execution.application ?? ''),
    executionType: (execution.type === 'orchestration' ? 'orchestration' : 'pipeline') as
      'pipeline' | 'orchestration',
    executionId: String(content.executionId ?? execution.id ?? ''),
    executionName: String(execution.name ?? execution.description ?? ''),
    status,
    user: typeof obj(execution.trigger).user === 'string' ? String(obj(execution.trigger).user) : undefined,
  };
  const out: NotificationRequest[] = [];
  const add = (
    notification: Notification,
    when: string,
    level: 'pipeline' | 'stage',
    extra: Partial<NotificationRequest> = {},
  ) => {
    const text = obj(obj(notification.message)[when]).text;
    out.push({
      notification,
      when,
      level,
      ...base,
      ...extra,
      ...(typeof text === 'string' ? { customText: text } : {}),
    });
  };
  if (kind === 'pipeline' || kind === 'orchestration') {
    const when = `${kind}.${status}`;
    const alias = `pipeline.${status}`;
    for (const n of list(execution.notifications))
      if (n.when?.includes(when) || n.when?.includes(alias)) add(n, when, 'pipeline');
    return out;
  }
  if (kind !== 'stage') return out;
  const context = obj(content.context);
  if (content.isSynthetic === true || context.sendNotifications !== true) return out;
  // orca's stage events carry the stage type as `content.type` (Spinnaker's also in
  // `context.stageDetails.type`); `stageType` is kept for direct callers.
  const stageType = String(content.type ?? content.stageType ?? obj(context.stageDetails).type ?? '');
  const extra = { stageName: String(content.name ?? ''), stageType };
  const when = `stage.${status}`;
  for (const n of list(context.notifications)) if (n.when?.includes(when)) add(n, when, 'stage', extra);
  return out;
}

/** The words Spinnaker's templates use for a status. */
const VERBS: Record<string, string> = {
  starting: 'is starting',
  complete: 'has completed successfully',
  failed: 'has failed',
  skipped: 'was skipped',
};

/** A one-line, human summary of a request, and the Deck link for it. */
export function describe(request: NotificationRequest, baseUrl: string): { text: string; link: string } {
  const link =
    request.executionType === 'orchestration'
      ? `${baseUrl}/#/applications/${request.application}/tasks/${request.executionId}`
      : `${baseUrl}/#/applications/${request.application}/executions/details/${request.executionId}`;
  const subject =
    request.level === 'stage'
      ? `Stage ${request.stageName} of pipeline ${request.executionName}`
      : `${request.executionType === 'orchestration' ? 'Task' : 'Pipeline'} ${request.executionName}`;
  const judgment: Record<string, string> = {
    manualJudgment: 'is awaiting manual judgment',
    manualJudgmentContinue: 'was judged to continue',
    manualJudgmentStop: 'was judged to stop',
  };
  const verb = judgment[request.when] ?? VERBS[request.status] ?? request.status;
  const text = request.customText ?? `${subject} ${verb} for application ${request.application}`;
  return { text, link };
}
