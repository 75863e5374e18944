import { UnrecoverableError } from 'bullmq';
import { defineNotifier } from './define-notifier.js';

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const split = (s: string | null | undefined) => (s ?? '').split(/[,;\s]+/).filter(Boolean);

/** Email over SMTP (`ECHO_SMTP_URL`): `address` and `cc` may list several addresses. */
export const emailNotifier = defineNotifier({
  type: 'email',
  async send(request, message, ctx) {
    if (!ctx.sendMail) throw new UnrecoverableError('email notification needs ECHO_SMTP_URL');
    const to = split(request.notification.address);
    if (to.length === 0) throw new UnrecoverableError('email notification has no address');
    await ctx.sendMail({
      to,
      cc: split(request.notification.cc),
      subject: `[Spinnaker] ${message.text}`.slice(0, 250),
      text: `${message.text}\n\n${message.link}\n`,
      html: `<p>${escape(message.text)}</p><p><a href="${escape(message.link)}">View execution</a></p>`,
    });
  },
});
