import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, EchoEventSchema, IgorPaths, InputError } from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { GateContext } from '../context.js';
import { dockerEventsFromPush } from './docker-webhooks.js';

/** How one webhook source authenticates. */
export const WebhookSourceSchema = z.object({
  /** A shared secret the caller sends in `X-Webhook-Secret` (or `?secret=` is NOT accepted: URLs get logged). */
  secret: z.string().min(8).optional(),
  /** GitHub-style HMAC-SHA256 of the raw body in `X-Hub-Signature-256: sha256=<hex>`. */
  hmacSecret: z.string().min(8).optional(),
  /** Accept calls without a secret or signature (must be said explicitly). */
  allowUnauthenticated: z.boolean().default(false),
  /** `/webhooks/docker/{source}`: the clouddriver Docker Registry account the registry is (default: the source name). */
  dockerAccount: z.string().min(1).optional(),
  /** `/webhooks/docker/{source}`: the registry host images are named by (default: from the payload). */
  dockerRegistry: z.string().min(1).optional(),
});
/** See {@link WebhookSourceSchema}. */
export type WebhookSource = z.infer<typeof WebhookSourceSchema>;

/** Parses `GATE_WEBHOOK_SOURCES` (`"*"` is the entry for sources not listed). */
export function parseWebhookSources(json: string | undefined): Map<string, WebhookSource> {
  if (!json) return new Map();
  return new Map(Object.entries(z.record(z.string(), WebhookSourceSchema).parse(JSON.parse(json))));
}

const Params = z.object({
  type: z.string().regex(/^[\w.-]{1,100}$/, 'must be a webhook type'),
  source: z.string().regex(/^[\w.-]{1,100}$/, 'must be a webhook source'),
});
const HIDDEN_HEADERS = new Set([
  'authorization',
  'cookie',
  'x-webhook-secret',
  'x-hub-signature',
  'x-hub-signature-256',
]);

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Checks a request against its source's rule; throws 401 on a missing or wrong secret/signature. */
export function verifyWebhook(
  rule: WebhookSource | undefined,
  headers: FastifyRequest['headers'],
  raw: string,
): void {
  if (!rule) throw new AuthenticationError('Webhook source is not configured');
  if (rule.hmacSecret) {
    const given = headers['x-hub-signature-256'];
    const expected = `sha256=${createHmac('sha256', rule.hmacSecret).update(raw).digest('hex')}`;
    if (typeof given !== 'string' || !equal(given, expected))
      throw new AuthenticationError('Invalid webhook signature');
    return;
  }
  if (rule.secret) {
    // Registries and Harbor can only send fixed headers: `Authorization: [Bearer ]<secret>` works too.
    const authorization = headers.authorization?.replace(/^Bearer\s+/i, '');
    const given = [headers['x-webhook-secret'], authorization].filter((v) => typeof v === 'string');
    if (!given.some((v) => equal(v, rule.secret!)))
      throw new AuthenticationError('Missing or wrong webhook secret');
    return;
  }
  if (!rule.allowUnauthenticated) throw new AuthenticationError('Webhook source requires a secret');
}

/** A fixed one-minute window counter per key (per gate replica). */
export class RateWindow {
  private readonly counts = new Map<string, number>();
  private windowStart = Date.now();
  constructor(private readonly perMinute: number) {}
  /** Counts one hit; false when the key is over its limit in this window. */
  hit(key: string): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 60_000) {
      this.counts.clear();
      this.windowStart = now;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perMinute;
  }
}

/**
 * Webhook intake (`POST /webhooks/webhook/{source}`, `/webhooks/{type}/{source}`): per-source secret
 * or HMAC, body cap, rate limit, then the echo Event is enqueued durably on `echo-events` and
 * answered as echo does: `{eventProcessed: true, eventId}`. `/webhooks/docker/{source}` takes a
 * registry's push notification (distribution envelope or Harbor) and enqueues one docker event per
 * pushed tag, with the push id igor's poller uses (`eventIds`; a replay is dropped by that id).
 * `/webhooks/jenkins/{master}` takes a Jenkins Notification-plugin POST and hands it to igor's push
 * intake (`202`, igor's answer), deduped there against polling.
 */
export function webhookRoutes(app: FastifyInstance, ctx: GateContext): void {
  const sources = parseWebhookSources(ctx.config.GATE_WEBHOOK_SOURCES);
  const limiter = new RateWindow(ctx.config.GATE_WEBHOOK_RATE_PER_MINUTE);
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: ctx.config.GATE_WEBHOOK_BODY_LIMIT_BYTES },
      (_r, body, done) => done(null, body),
    );
    scope.post(
      '/webhooks/:type/:source',
      { bodyLimit: ctx.config.GATE_WEBHOOK_BODY_LIMIT_BYTES },
      async (request, reply) => {
        const { type, source } = parseParams(Params, request);
        if (!limiter.hit(`${source}|${request.ip}`)) {
          return reply.status(429).send({
            timestamp: Date.now(),
            status: 429,
            error: 'Too Many Requests',
            message: `Too many webhooks from this client for source ${source}`,
            code: 'RATE_LIMITED',
          });
        }
        const raw = typeof request.body === 'string' ? request.body : '';
        const rule = sources.get(source) ?? sources.get('*');
        verifyWebhook(rule, request.headers, raw);
        let parsed: unknown = {};
        if (raw.trim()) {
          try {
            parsed = JSON.parse(raw);
          } catch {
            throw new InputError('Webhook body must be JSON');
          }
        }
        if (type === 'docker') {
          const events = await dockerEventsFromPush(parsed, {
            source,
            account: rule?.dockerAccount ?? source,
            registry: rule?.dockerRegistry,
          });
          for (const event of events) await ctx.events.enqueue(event);
          return {
            eventProcessed: events.length > 0,
            eventId: events[0]?.eventId ?? null,
            eventIds: events.map((e) => e.eventId),
          };
        }
        if (type === 'jenkins') {
          // Jenkins' Notification plugin: the source names the master. igor re-reads the build and
          // announces it through the same marker as its poller, so push and poll start one execution.
          const answer = await ctx.downstream.igor.post(IgorPaths.jenkinsNotification(source), {
            body: parsed,
            requestId: request.id,
          });
          return reply.status(202).send(answer);
        }
        const content = (
          parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { value: parsed }
        ) as Record<string, unknown>;
        const eventKey = request.headers['x-event-key'];
        if (typeof eventKey === 'string') content.event_type = eventKey;
        const requestHeaders: Record<string, string[]> = {};
        for (const [k, v] of Object.entries(request.headers)) {
          if (!HIDDEN_HEADERS.has(k) && v !== undefined)
            requestHeaders[k] = Array.isArray(v) ? v : [String(v)];
        }
        const eventId = randomUUID();
        const event = EchoEventSchema.parse({
          details: { type, source, created: String(Date.now()), requestHeaders },
          content,
          payload: content,
          rawContent: raw,
          eventId,
        });
        await ctx.events.enqueue(event);
        return { eventProcessed: true, eventId };
      },
    );
  });
}
