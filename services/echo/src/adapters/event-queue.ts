import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue, createWorker, type Logger } from '@genoa/shared/node';
import type { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueJobId } from './job-id.js';

/** Accepts events into echo's intake queue (`echo-events`), one job per eventId. */
export class EventQueue {
  private readonly queue: Queue<EchoEvent>;
  constructor(redis: Redis) {
    this.queue = createQueue<EchoEvent>(QueueName.echoEvents, redis);
  }

  async accept(event: EchoEvent): Promise<void> {
    await this.queue.add('event', event, {
      jobId: queueJobId(event.eventId),
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

/** The worker that hands each queued event to `process`. */
export function createEventWorker(
  process: (event: EchoEvent) => Promise<unknown>,
  connection: Redis,
  logger: Logger,
  concurrency: number,
): Worker<EchoEvent> {
  const worker = createWorker<EchoEvent>(
    QueueName.echoEvents,
    (job: Job<EchoEvent>) => process(job.data),
    connection,
    logger,
    {
      concurrency,
    },
  );
  worker.on('failed', (job, err) =>
    logger.warn({ eventId: job?.data.eventId, attempt: job?.attemptsMade, err }, 'event processing failed'),
  );
  return worker;
}
