import { defineNotifier } from './define-notifier.js';

/** Microsoft Teams: `address` is the channel's incoming-webhook URL; a MessageCard is posted. */
export const microsoftTeamsNotifier = defineNotifier({
  type: 'microsoftteams',
  async send(request, message, ctx) {
    await ctx.postJson(request.notification.address ?? '', {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: message.text,
      themeColor:
        request.status === 'failed' ? 'B82525' : request.status === 'complete' ? '0B6623' : '2B579A',
      title: `Spinnaker ${request.application}`,
      sections: [
        {
          activityTitle: message.text,
          facts: [
            { name: 'Status', value: request.status },
            { name: 'Execution', value: request.executionId },
          ],
        },
      ],
      potentialAction: [
        { '@type': 'OpenUri', name: 'View execution', targets: [{ os: 'default', uri: message.link }] },
      ],
    });
  },
});
