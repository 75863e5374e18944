import type { Notification } from '@genoa/shared';

/** The notification channels deck offers (echo's notifier types). */
export const NOTIFICATION_TYPES = ['slack', 'email', 'webhook', 'microsoftteams'] as const;

/** One event a notification may fire on. */
export interface NotificationEvent {
  when: string;
  label: string;
}

/** Pipeline-level events (Spinnaker's `pipeline.*`). */
export const PIPELINE_EVENTS: readonly NotificationEvent[] = [
  { when: 'pipeline.starting', label: 'Pipeline is starting' },
  { when: 'pipeline.complete', label: 'Pipeline is complete' },
  { when: 'pipeline.failed', label: 'Pipeline failed' },
];

/** Manual judgment events (Spinnaker's stage-level judgment notifications). */
export const JUDGMENT_EVENTS: readonly NotificationEvent[] = [
  { when: 'manualJudgment', label: 'Awaiting judgment' },
  { when: 'manualJudgmentContinue', label: 'Judgment continued' },
  { when: 'manualJudgmentStop', label: 'Judgment stopped' },
];

/** What the address field asks for, per channel. */
export const addressLabel = (type: string): string =>
  ({
    slack: 'Slack channel',
    email: 'Email address',
    webhook: 'Webhook URL',
    microsoftteams: 'Teams webhook URL',
  })[type] ?? 'Address';

/** The notification's custom message (the first `message.<when>.text`), '' when none. */
export function messageText(notification: Notification): string {
  for (const value of Object.values(notification.message ?? {})) {
    const text = (value as { text?: unknown } | null)?.text;
    if (typeof text === 'string') return text;
  }
  return '';
}

/** `message` carrying `text` for every selected event (Spinnaker's `{<when>: {text}}`); undefined when empty. */
export function messageFor(when: readonly string[], text: string): Notification['message'] {
  if (text.trim() === '' || when.length === 0) return undefined;
  return Object.fromEntries(when.map((w) => [w, { text }]));
}

/** The notification with `when` switched on or off (event order kept as offered), message re-keyed. */
export function toggleWhen(
  notification: Notification,
  events: readonly NotificationEvent[],
  event: string,
  on: boolean,
): Notification {
  const chosen = new Set(notification.when ?? []);
  if (on) chosen.add(event);
  else chosen.delete(event);
  const when = events.map((e) => e.when).filter((w) => chosen.has(w));
  return { ...notification, when, message: messageFor(when, messageText(notification)) };
}

/** A new notification at `level`, Spinnaker's defaults (slack, no events chosen). */
export const newNotification = (level: 'pipeline' | 'stage'): Notification => ({
  type: 'slack',
  address: '',
  level,
  when: [],
});

/** Field errors of one notification (empty when valid). */
export function notificationErrors(notification: Notification): { address?: string; when?: string } {
  const errors: { address?: string; when?: string } = {};
  const address = (notification.address ?? '').trim();
  if (!address) errors.address = `${addressLabel(notification.type)} is required.`;
  else if (notification.type === 'email' && !/^[^\s@]+@[^\s@]+(,\s*[^\s@]+@[^\s@]+)*$/.test(address))
    errors.address = 'Use email addresses, comma-separated.';
  else if (['webhook', 'microsoftteams'].includes(notification.type) && !/^https?:\/\//.test(address))
    errors.address = 'Use an http(s) URL.';
  if ((notification.when ?? []).length === 0) errors.when = 'Choose at least one event.';
  return errors;
}
