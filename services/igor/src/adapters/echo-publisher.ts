import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Sends events to echo. */
export interface EventPublisher {
  publish(event: EchoEvent): Promise<void>;
}

/**
 * Puts events on echo's intake queue (`echo-events`) with `jobId = eventId`: a second publish of
 * the same event while the first is still kept (a day) is a no-op, and echo dedupes by eventId too.
 */
export class QueueEventPublisher implements EventPublisher {
  private readonly queue: Queue<EchoEvent>;
  constructor(redis: Redis) {
    this.queue = createQueue<EchoEvent>(QueueName.echoEvents, redis);
  }

  async publish(event: EchoEvent): Promise<void> {
    await this.queue.add('event', event, {
      jobId: event.eventId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
