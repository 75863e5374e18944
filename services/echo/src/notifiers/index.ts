import type { NotifierDefinition } from './define-notifier.js';
import { emailNotifier } from './email.js';
import { microsoftTeamsNotifier } from './microsoft-teams.js';
import { slackNotifier } from './slack.js';
import { webhookNotifier } from './webhook.js';

/** Every notification channel echo sends to, one line each. */
export const notifierDefinitions: readonly NotifierDefinition[] = [
  slackNotifier,
  emailNotifier,
  microsoftTeamsNotifier,
  webhookNotifier,
];
