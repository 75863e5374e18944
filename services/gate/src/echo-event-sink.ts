import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Redis } from 'ioredis';
import type { EventSink } from './context.js';

/**
 * The production webhook sink: echo's durable intake queue `echo-events` (BullMQ), one job per
 * event with `jobId = eventId`, so a retried enqueue never duplicates. Returns the sink and a close.
 */
export function createEchoEventSink(connection: Redis): EventSink & { close(): Promise<void> } {
  const queue = createQueue<EchoEvent>(QueueName.echoEvents, connection, {
    defaultJobOptions: {
      removeOnComplete: 1_000,
      removeOnFail: 10_000,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
    },
  });
  return {
    async enqueue(event) {
      await queue.add(event.details.type, event, { jobId: event.eventId });
    },
    close: () => queue.close(),
  };
}
