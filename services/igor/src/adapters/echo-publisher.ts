import type { EchoEvent } from '@genoa/shared';
import { createEchoEventProducer, type Producer } from '@genoa/shared/node';
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
  private readonly producer: Producer<EchoEvent>;
  constructor(redis: Redis) {
    this.producer = createEchoEventProducer(redis);
  }

  publish(event: EchoEvent): Promise<void> {
    return this.producer.send(event);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
