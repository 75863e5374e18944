import { defineNotifier } from './define-notifier.js';

/**
 * A generic HTTP notification (Genoa's `webhook` type; Spinnaker only has the global `rest`
 * module): `address` is a URL that receives a JSON summary of the event.
 */
export const webhookNotifier = defineNotifier({
  type: 'webhook',
  async send(request, message, ctx) {
    await ctx.postJson(request.notification.address ?? '', {
      when: request.when,
      level: request.level,
      application: request.application,
      executionType: request.executionType,
      executionId: request.executionId,
      executionName: request.executionName,
      status: request.status,
      stageName: request.stageName,
      user: request.user,
      text: message.text,
      link: message.link,
    });
  },
});
