import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventPublisher } from '../ports.js';

/** How long events are gathered before one batch goes to Redis. */
const BATCH_WINDOW_MS = 5;

/** Options of {@link BullmqEventPublisher}. */
export interface EventPublisherOptions {
  /**
   * Most events allowed to wait on `echo-events` (echo down or behind): past it, orca's oldest
   * waiting events are removed, so Redis never grows without bound. Default 100,000.
   */
  maxBacklog?: number;
  /** How often the backlog is counted (at most once per this many ms of publishing). Default 1 s. */
  backlogCheckMs?: number;
}

/** How many of the oldest waiting jobs one trim looks at per page. */
const TRIM_PAGE = 500;

/**
 * Publishes orca events on the `echo-events` queue; the event id is the job id (dedupe). Events
 * are gathered for a few milliseconds and sent in one batch off the handlers' critical path, like
 * Spinnaker's listeners, which never hold the engine up for echo. The execution in Redis stays the
 * source of truth: a process killed within a batch window loses at most that window's events.
 *
 * Backlog policy: events are notifications and live-view hints, not state. When echo is down the
 * waiting list is capped at `maxBacklog`: orca's oldest waiting events are removed first (events
 * other producers put on the queue are left alone), and each trim is logged with its count.
 * Completed events are removed at once; failed ones are kept up to 1,000 for inspection.
 */
export class BullmqEventPublisher implements EventPublisher {
  readonly queue: Queue<EchoEvent>;
  private buffer: EchoEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private readonly maxBacklog: number;
  private readonly backlogCheckMs: number;
  private lastCheck = 0;
  /** Events removed by the backlog cap since start. */
  dropped = 0;

  constructor(
    connection: Redis,
    private readonly logger?: Logger,
    options: EventPublisherOptions = {},
  ) {
    this.queue = createQueue<EchoEvent>(QueueName.echoEvents, connection, {
      defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
    });
    this.maxBacklog = options.maxBacklog ?? 100_000;
    this.backlogCheckMs = options.backlogCheckMs ?? 1_000;
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
        .then(() => this.capBacklog())
        .catch((err: unknown) =>
          this.logger?.warn({ err, events: batch.length }, 'orca events could not be published'),
        ),
    );
    return this.sending;
  }

  /** Removes orca's oldest waiting events beyond `maxBacklog` (checked at most every `backlogCheckMs`). */
  private async capBacklog(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCheck < this.backlogCheckMs) return;
    this.lastCheck = now;
    const excess = (await this.queue.getWaitingCount()) - this.maxBacklog;
    if (excess <= 0) return;
    let removed = 0;
    for (let start = 0; removed < excess; start += TRIM_PAGE) {
      const oldest = await this.queue.getWaiting(start, start + TRIM_PAGE - 1);
      if (oldest.length === 0) break;
      const ours = oldest.filter((job) => job.name.startsWith('orca:')).slice(0, excess - removed);
      await Promise.all(ours.map((job) => job.remove().catch(() => undefined)));
      removed += ours.length;
      start -= ours.length; // the list shifted by what was removed
    }
    this.dropped += removed;
    this.logger?.warn(
      { removed, maxBacklog: this.maxBacklog },
      'echo-events backlog over its cap (echo down?): oldest orca events removed',
    );
  }

  async close(): Promise<void> {
    await this.flush();
    await this.queue.close();
  }
}

/** A publisher that drops events (ORCA_EVENTS_ENABLED=false). */
export const noEvents: EventPublisher = { publish: async () => undefined };
