import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { EchoEventInputSchema, type EchoEvent } from '@genoa/shared';
import { parseBody } from '@genoa/shared/node';
import type { EventQueue } from '../adapters/event-queue.js';

/**
 * `POST /` (Spinnaker's HistoryController): accepts a full Event, assigns an eventId when absent,
 * and queues it on `echo-events` (the same intake igor uses). 200 with an empty body.
 */
export function registerEventRoutes(app: FastifyInstance, intake: EventQueue): void {
  app.post('/', async (request, reply) => {
    const input = parseBody(EchoEventInputSchema, request);
    const event: EchoEvent = {
      ...input,
      details: { ...input.details, created: input.details.created ?? String(Date.now()) },
      eventId: input.eventId ?? randomUUID(),
    };
    await intake.accept(event);
    return reply.status(200).send();
  });
}
