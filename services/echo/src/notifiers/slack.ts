import { UnrecoverableError } from 'bullmq';
import { defineNotifier } from './define-notifier.js';

const PERMANENT = new Set([
  'invalid_auth',
  'not_authed',
  'channel_not_found',
  'account_inactive',
  'not_in_channel',
  'is_archived',
]);

/**
 * Slack: an `address` that is an incoming-webhook URL is POSTed `{text}`; any other address is a
 * channel (`#deploys` or `deploys`) posted with the bot token (`ECHO_SLACK_TOKEN`,
 * `chat.postMessage`). Slack's `ok: false` errors are retried unless they cannot heal.
 */
export const slackNotifier = defineNotifier({
  type: 'slack',
  async send(request, message, ctx) {
    const address = request.notification.address ?? '';
    const text = `${message.text}\n<${message.link}|View execution>`;
    if (/^https?:\/\//.test(address)) {
      await ctx.postJson(address, { text });
      return;
    }
    const token = ctx.config.ECHO_SLACK_TOKEN;
    if (!token) throw new UnrecoverableError('slack channel notification needs ECHO_SLACK_TOKEN');
    const channel = address.startsWith('#') || /^[CGD][A-Z0-9]+$/.test(address) ? address : `#${address}`;
    const answer = (await ctx.postJson(
      `${ctx.config.ECHO_SLACK_API_URL}/chat.postMessage`,
      { channel, text },
      { authorization: `Bearer ${token}` },
    )) as {
      ok?: boolean;
      error?: string;
    };
    if (answer?.ok === false) {
      const reason = `slack refused the message: ${answer.error ?? 'unknown'}`;
      throw PERMANENT.has(answer.error ?? '') ? new UnrecoverableError(reason) : new Error(reason);
    }
  },
});
