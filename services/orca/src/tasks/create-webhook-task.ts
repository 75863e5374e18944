import type { HttpResponse } from '../ports.js';
import { defineTask, running, succeeded, terminal } from './define-task.js';
import { readJsonPath } from './json-path.js';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'CREATED',
  202: 'ACCEPTED',
  204: 'NO_CONTENT',
  302: 'FOUND',
};

/** Spinnaker's `webhook` response view: statusCode (name), statusCodeValue, headers, body. */
export const responseView = (r: HttpResponse) => ({
  statusCode: REASONS[r.status] ?? String(r.status),
  statusCodeValue: r.status,
  headers: r.headers,
  body: r.body,
});

/** Status codes from a config list (numbers or numeric strings). */
export const codes = (value: unknown, fallback: number[] = []): number[] =>
  Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : fallback;

/** True for a response that should be retried: 5xx, 429 or a configured retry code. */
export const retryable = (status: number, configured: number[]): boolean =>
  status >= 500 || status === 429 || configured.includes(status);

/**
 * CreateWebhookTask: calls the webhook once per attempt (the engine never repeats an attempt that
 * was interrupted). 2xx/3xx succeed (resolving the status URL when waiting for completion);
 * fail-fast codes and other 4xx are TERMINAL; 5xx/429/configured codes are retried.
 */
export const createWebhookTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.webhook.tasks.CreateWebhookTask',
  backoffMs: 10_000,
  timeoutMs: 5 * 60 * 1000,
  sideEffects: true,
  async run(input, services) {
    const c = input.stage.context;
    if (typeof c.url !== 'string' || c.url === '')
      return terminal('The webhook stage needs a url', {}, input.now);
    const method = typeof c.method === 'string' && c.method !== '' ? c.method.toUpperCase() : 'POST';
    const headers = (c.customHeaders as Record<string, string> | undefined) ?? {};
    const response = await services.http.request({
      method,
      url: c.url,
      headers,
      body: method === 'GET' ? undefined : c.payload,
    });
    const webhook: Record<string, unknown> = responseView(response);
    const failFast = codes(c.failFastStatusCodes, [504]);
    if (failFast.includes(response.status))
      return terminal(
        `Received status code ${response.status}, which is configured to fail fast, terminating stage.`,
        { webhook },
        input.now,
      );
    if (response.status >= 400) {
      const retryCodes = [...codes(c.retryStatusCodes), ...codes(c.webhookRetryStatusCodes)];
      if (retryable(response.status, retryCodes))
        return running({ webhook: { ...webhook, error: `Webhook returned ${response.status}; retrying` } });
      return terminal(
        `Error submitting webhook for pipeline ${input.execution.id} to ${c.url} with status code ${response.status}.`,
        { webhook },
        input.now,
      );
    }
    if (c.waitForCompletion === true || c.waitForCompletion === 'true') {
      const resolution = typeof c.statusUrlResolution === 'string' ? c.statusUrlResolution : 'getMethod';
      let statusEndpoint: unknown = c.url;
      if (resolution === 'locationHeader') {
        const loc = response.headers.location;
        statusEndpoint = loc ? new URL(loc, c.url).toString() : undefined;
      } else if (resolution === 'webhookResponse') {
        statusEndpoint =
          typeof c.statusUrlJsonPath === 'string'
            ? readJsonPath(response.body, c.statusUrlJsonPath)
            : undefined;
      }
      if (typeof statusEndpoint !== 'string' || statusEndpoint === '')
        return terminal(
          `Could not resolve the status URL (statusUrlResolution ${resolution})`,
          { webhook },
          input.now,
        );
      return succeeded({ context: { webhook: { ...webhook, statusEndpoint }, statusEndpoint } });
    }
    const artifacts =
      Array.isArray(c.expectedArtifacts) && c.expectedArtifacts.length > 0
        ? ((response.body as { artifacts?: unknown } | undefined)?.artifacts ?? [])
        : undefined;
    return succeeded({ context: { webhook, ...(artifacts ? { artifacts } : {}) } });
  },
});
