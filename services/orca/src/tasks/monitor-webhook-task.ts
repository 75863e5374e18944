import { codes, responseView, retryable } from './create-webhook-task.js';
import { defineTask, running, succeeded, terminal } from './define-task.js';
import { readJsonPath } from './json-path.js';

const list = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : [];

/**
 * MonitorWebhookTask: polls `statusEndpoint`; the value at `statusJsonPath` is a percentage
 * (100 = done) or a status matched against success/canceled/terminal lists.
 */
export const monitorWebhookTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.webhook.tasks.MonitorWebhookTask',
  backoffMs: (input) => (input.now - (input.task.startTime ?? input.now) > 60_000 ? 15_000 : 1_000),
  timeoutMs: 60 * 60 * 1000,
  overridableTimeout: true,
  async run(input, services) {
    const c = input.stage.context;
    const url = c.statusEndpoint;
    if (typeof url !== 'string') return terminal('No status endpoint to monitor', {}, input.now);
    const response = await services.http.request({
      method: 'GET',
      url,
      headers: (c.customHeaders as Record<string, string>) ?? {},
    });
    const prev =
      (c.webhook as { monitor?: { pastStatusCodes?: number[] } } | undefined)?.monitor?.pastStatusCodes ?? [];
    const monitor: Record<string, unknown> = {
      ...responseView(response),
      pastStatusCodes: [...prev, response.status],
    };
    const webhook = { ...((c.webhook as Record<string, unknown>) ?? {}), monitor };
    if (response.status >= 400) {
      const retries = (c.retries as Record<string, { maxAttempts?: number }> | undefined)?.[
        String(response.status)
      ];
      const seen = prev.filter((s) => s === response.status).length + 1;
      const allowed = retries?.maxAttempts === undefined || seen < retries.maxAttempts;
      if (retryable(response.status, codes(c.retryStatusCodes)) && allowed) return running({ webhook });
      return terminal(`Status check at ${url} returned ${response.status}`, { webhook }, input.now);
    }
    if (typeof c.statusJsonPath !== 'string' || c.statusJsonPath === '')
      return succeeded({ context: { webhook } });
    const value = readJsonPath(response.body, c.statusJsonPath);
    monitor.resolvedValue = value;
    if (typeof c.progressJsonPath === 'string')
      monitor.progressMessage = readJsonPath(response.body, c.progressJsonPath);
    if (typeof value === 'number') {
      monitor.percentComplete = value;
      return value === 100 ? succeeded({ context: { webhook } }) : running({ webhook });
    }
    if (typeof value === 'string') {
      const v = value.toLowerCase();
      if (list(c.successStatuses).includes(v)) return succeeded({ context: { webhook } });
      if (list(c.canceledStatuses).includes(v)) return { status: 'CANCELED', context: { webhook } };
      if (list(c.terminalStatuses).includes(v))
        return terminal(`Webhook status was ${value}`, { webhook }, input.now);
      return running({ webhook });
    }
    return terminal(
      `The value at ${c.statusJsonPath} is neither a status nor a percentage`,
      { webhook },
      input.now,
    );
  },
});
