import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InputError, type EchoEvent, type WebhookResponse } from '@genoa/shared';
import type { EventQueue } from '../adapters/event-queue.js';
import { toGitContent } from '../domain/git-events.js';

const PRIVATE_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-spinnaker-signature']);

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

function requestHeaders(request: FastifyRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || PRIVATE_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

/**
 * Webhook intake (WebhooksController): `POST /webhooks/{type}/{source}` and `POST /webhooks/{type}`
 * (source from `content.source`). `git` bodies are converted per SCM (and may be dropped: a GitHub
 * ping answers `eventProcessed: false`). The raw body is kept for HMAC checks. Answers
 * `{eventProcessed, eventId}` once the event is queued.
 */
export function registerWebhookRoutes(app: FastifyInstance, intake: EventQueue): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      /^application\/([\w.+-]+\+)?json$/,
      { parseAs: 'string' },
      (request, body, done) => {
        request.rawBody = body as string;
        if (!(body as string).trim()) return done(null, {});
        try {
          done(null, JSON.parse(body as string));
        } catch (err) {
          done(new InputError(`request body is not valid JSON: ${(err as Error).message}`), undefined);
        }
      },
    );

    const handle = async (request: FastifyRequest): Promise<WebhookResponse> => {
      const params = request.params as { type: string; source?: string };
      const body = request.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body))
        throw new InputError('request body must be a JSON object', [
          { path: '', message: 'expected an object' },
        ]);
      const content: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      const source = params.source ?? (typeof content.source === 'string' ? content.source : 'unknown');
      const headers = requestHeaders(request);
      const eventId = randomUUID();
      const eventKey = headers['x-event-key']?.[0];
      if (eventKey) content.event_type = eventKey;
      if (params.type.toLowerCase() === 'git') {
        const single = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v[0]]));
        const git = toGitContent(source, body as Record<string, unknown>, single);
        if (!git) return { eventProcessed: false, eventId };
        Object.assign(content, git);
      }
      content.artifacts ??= [];
      const event: EchoEvent = {
        details: { type: params.type, source, created: String(Date.now()), requestHeaders: headers },
        content,
        payload: { ...(body as Record<string, unknown>) },
        rawContent: request.rawBody ?? JSON.stringify(body),
        eventId,
      };
      await intake.accept(event);
      return { eventProcessed: true, eventId };
    };
    scope.post('/webhooks/:type/:source', handle);
    scope.post('/webhooks/:type', handle);
  });
}
