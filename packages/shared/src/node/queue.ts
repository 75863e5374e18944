import { Queue, Worker, type Job, type QueueOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { queuePrefix, type QueueName } from '../contracts/queues/names.js';

/** A BullMQ queue for one of the suite's named queues, with its hash-tagged prefix. */
export function createQueue<T = unknown>(
  name: QueueName,
  connection: Redis,
  options: Omit<QueueOptions, 'connection' | 'prefix'> = {},
): Queue<T> {
  return new Queue<T>(name, { ...options, connection, prefix: queuePrefix[name] });
}

/**
 * A BullMQ worker for one of the suite's queues. The connection must have been made with
 * `forWorker: true`. An `error` listener is always attached (BullMQ requires one).
 */
export function createWorker<T = unknown>(
  name: QueueName,
  processor: (job: Job<T>) => Promise<unknown>,
  connection: Redis,
  logger: Logger,
  options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
): Worker<T> {
  const worker = new Worker<T>(name, processor, { ...options, connection, prefix: queuePrefix[name] });
  worker.on('error', (err) => logger.error({ err, queue: name }, 'queue worker error'));
  return worker;
}
