import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueueName } from '../contracts/queues/names.js';
import type { EchoEvent } from '../contracts/queues/echo.js';
import type { PipelineStartRequest } from '../contracts/queues/orca.js';
import { createQueue } from './queue.js';

/**
 * A BullMQ job id for a dedupe key: the key itself when BullMQ accepts it (no `:`, not an integer,
 * at most 200 characters), else a hash of it. The same key always gives the same id, so adding a
 * message twice while the first is kept is a no-op.
 */
export function dedupeJobId(key: string): string {
  if (!key.includes(':') && !/^\d+$/.test(key) && key.length <= 200) return key;
  return `h-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/**
 * Job options of a durable cross-service message: deduplicated by `key`, retried with back-off if
 * the consumer crashes, kept a day after completion (the dedupe window) and a week after failure.
 */
export const durableJobOptions = (key: string) => ({
  jobId: dedupeJobId(key),
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});

/** Sends messages of one kind to their queue, exactly once per dedupe key while it is kept. */
export interface Producer<T> {
  send(message: T): Promise<void>;
  close(): Promise<void>;
}

/** Producer of echo's intake queue (`echo-events`), deduplicated by `eventId`. Used by gate, igor and echo. */
export function createEchoEventProducer(connection: Redis): Producer<EchoEvent> {
  const queue = createQueue<EchoEvent>(QueueName.echoEvents, connection);
  return {
    async send(event) {
      await queue.add(event.details.type || 'event', event, durableJobOptions(event.eventId));
    },
    close: () => queue.close(),
  };
}

/** Producer of orca's start requests (`orca-pipeline-requests`), deduplicated by `requestKey`. */
export function createPipelineRequestProducer(connection: Redis): Producer<PipelineStartRequest> {
  const queue = createQueue<PipelineStartRequest>(QueueName.orcaPipelineRequests, connection);
  return {
    async send(request) {
      await queue.add('start', request, durableJobOptions(request.requestKey));
    },
    close: () => queue.close(),
  };
}
