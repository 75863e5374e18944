import { createWebhookTask } from '../tasks/create-webhook-task.js';
import { monitorWebhookTask } from '../tasks/monitor-webhook-task.js';
import { defineStage } from './define-stage.js';

const yes = (v: unknown) => v === true || v === 'true';

/** `webhook`: calls a URL, optionally polls a status URL until done; a best-effort cancel call on cancel. */
export const webhookStage = defineStage({
  type: 'webhook',
  tasks(stage) {
    const c = stage.context;
    if (yes(c.monitorOnly) && !yes(c.waitForCompletion))
      throw new Error('A webhook stage with monitorOnly must also waitForCompletion');
    return [
      ...(yes(c.monitorOnly) ? [] : [{ name: 'createWebhook', task: createWebhookTask }]),
      ...(yes(c.waitForCompletion) ? [{ name: 'monitorWebhook', task: monitorWebhookTask }] : []),
    ];
  },
  prepareForRestart(stage) {
    delete stage.context.webhook;
    delete stage.context.statusEndpoint;
  },
  async cancel(stage, _execution, services) {
    const c = stage.context;
    if (typeof c.cancelEndpoint !== 'string' || c.cancelEndpoint === '') return;
    await services.http.request({
      method: typeof c.cancelMethod === 'string' ? c.cancelMethod.toUpperCase() : 'POST',
      url: c.cancelEndpoint,
      headers: (c.customHeaders as Record<string, string>) ?? {},
      body: c.cancelPayload,
    });
  },
});
