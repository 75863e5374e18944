import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EventPublisher } from '../ports.js';

/** Publishes orca events on the `echo-events` queue; the event id is the job id (dedupe). */
export class BullmqEventPublisher implements EventPublisher {
  readonly queue: Queue<EchoEvent>;
  constructor(connection: Redis) {
    this.queue = createQueue<EchoEvent>(QueueName.echoEvents, connection, {
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
  }
  async publish(events: readonly EchoEvent[]): Promise<void> {
    await this.queue.addBulk(
      events.map((e) => ({ name: e.details.type, data: e, opts: { jobId: e.eventId.replaceAll(':', '|') } })),
    );
  }
  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** A publisher that drops events (ORCA_EVENTS_ENABLED=false). */
export const noEvents: EventPublisher = { publish: async () => undefined };
