import { type LiveEventMessage } from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GateContext } from '../context.js';
import type { LiveEventHub } from '../live/live-event-hub.js';
import { doc } from '../openapi.js';

/** The contract's keep-alive period. */
export const KEEP_ALIVE_MS = 15_000;
/** Streams one gate serves at most (each holds a socket); beyond, 503. */
const MAX_STREAMS = 10_000;

const Params = z.object({
  application: z
    .string()
    .min(1)
    .max(250)
    .regex(/^[\w.-]+$/, 'must be an application name'),
});

/** One SSE message. */
export const sseFrame = (message: LiveEventMessage): string =>
  `event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;

/**
 * `GET /events/applications/{application}`: Server-Sent Events of the application's executions and
 * infrastructure (see the live-events contract). READ on the application is checked when the stream
 * opens and again at every keep-alive, so a revoked permission ends the stream within 15 s.
 */
export function liveEventRoutes(
  app: FastifyInstance,
  ctx: GateContext,
  hub: LiveEventHub,
  keepAliveMs = KEEP_ALIVE_MS,
): void {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/events/applications/:application',
    doc({
      summary: 'Live updates (Server-Sent Events) of an application',
      tags: ['live'],
      params: Params,
      produces: 'text/event-stream',
    }),
    async (request, reply) => {
      const { application } = parseParams(Params, request);
      await ctx.permissions.require(request.principal, application, 'READ');
      if (open.size >= MAX_STREAMS) {
        return reply
          .status(503)
          .send({ status: 503, error: 'Service Unavailable', message: 'Too many live streams' });
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.socket?.setNoDelay(true);
      let ended = false;
      let unsubscribe: (() => Promise<void>) | undefined;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        open.delete(end);
        void unsubscribe?.();
        if (!raw.writableEnded) raw.end();
      };
      open.add(end);
      raw.on('close', end);
      const timer = setInterval(() => {
        void ctx.permissions.can(request.principal, application, 'READ').then(
          (ok) => (ok ? raw.write(': keep-alive\n\n') : end()),
          () => raw.write(': keep-alive\n\n'),
        );
      }, keepAliveMs);
      try {
        unsubscribe = await hub.subscribe(application, (message) => raw.write(sseFrame(message)));
      } catch (err) {
        request.log.warn({ err, application }, 'live stream could not subscribe');
        end();
        return;
      }
      if (ended) await unsubscribe();
      else raw.write('retry: 3000\n: connected\n\n');
    },
  );
}
