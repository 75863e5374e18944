import { QueueName, type EchoEvent } from '@genoa/shared';
import { createEchoEventProducer, createWorker, type Logger, type Producer } from '@genoa/shared/node';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/** Accepts events into echo's intake queue (`echo-events`), one job per eventId. */
export class EventQueue {
  private readonly producer: Producer<EchoEvent>;
  constructor(redis: Redis) {
    this.producer = createEchoEventProducer(redis);
  }

  accept(event: EchoEvent): Promise<void> {
    return this.producer.send(event);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}

/** The worker that hands each queued event to `process`, keeping completed jobs per `removeOnComplete`. */
export function createEventWorker(
  process: (event: EchoEvent) => Promise<unknown>,
  connection: Redis,
  logger: Logger,
  concurrency: number,
  removeOnComplete: { age: number; count: number },
): Worker<EchoEvent> {
  const worker = createWorker<EchoEvent>(
    QueueName.echoEvents,
    (job: Job<EchoEvent>) => process(job.data),
    connection,
    logger,
    { concurrency, removeOnComplete },
  );
  worker.on('failed', (job, err) =>
    logger.warn({ eventId: job?.data.eventId, attempt: job?.attemptsMade, err }, 'event processing failed'),
  );
  return worker;
}
