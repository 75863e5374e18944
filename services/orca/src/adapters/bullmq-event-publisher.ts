import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventPublisher } from '../ports.js';

/** How long events are gathered before one batch goes to Redis. */
const BATCH_WINDOW_MS = 5;

/**
 * Publishes orca events on the `echo-events` queue; the event id is the job id (dedupe). Events
 * are gathered for a few milliseconds and sent in one batch off the handlers' critical path, like
 * Spinnaker's listeners, which never hold the engine up for echo. The execution in Redis stays the
 * source of truth: a process killed within a batch window loses at most that window's events.
 */
export class BullmqEventPublisher implements EventPublisher {
  readonly queue: Queue<EchoEvent>;
  private buffer: EchoEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    connection: Redis,
    private readonly logger?: Logger,
  ) {
    this.queue = createQueue<EchoEvent>(QueueName.echoEvents, connection, {
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
  }

  async publish(events: readonly EchoEvent[]): Promise<void> {
    this.buffer.push(...events);
    this.timer ??= setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
  }

  /** Sends what is buffered now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.sending;
    this.sending = this.sending.then(() =>
      this.queue
        .addBulk(
          batch.map((e) => ({
            name: e.details.type,
            data: e,
            opts: { jobId: e.eventId.replaceAll(':', '|') },
          })),
        )
        .then(() => undefined)
        .catch((err: unknown) =>
          this.logger?.warn({ err, events: batch.length }, 'orca events could not be published'),
        ),
    );
    return this.sending;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.queue.close();
  }
}

/** A publisher that drops events (ORCA_EVENTS_ENABLED=false). */
export const noEvents: EventPublisher = { publish: async () => undefined };
