import { createEchoEventProducer } from '@genoa/shared/node';
import type { Redis } from 'ioredis';
import type { EventSink } from './context.js';

/**
 * The production webhook sink: echo's durable intake queue `echo-events` (BullMQ), one job per
 * event with `jobId = eventId`, so a retried enqueue never duplicates. Returns the sink and a close.
 */
export function createEchoEventSink(connection: Redis): EventSink & { close(): Promise<void> } {
  const producer = createEchoEventProducer(connection);
  return { enqueue: (event) => producer.send(event), close: () => producer.close() };
}
