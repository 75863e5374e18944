import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueueName } from '../contracts/queues/names.js';
import type { EchoEvent } from '../contracts/queues/echo.js';
import type { PipelineStartRequest } from '../contracts/queues/orca.js';
import { intVar } from './config.js';
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
 * the consumer crashes, kept a week after failure. How long a completed job is kept (the dedupe
 * window) is the consuming worker's {@link keepCompleted}: the consumer owns its queue's memory.
 */
export const durableJobOptions = (key: string) => ({
  jobId: dedupeJobId(key),
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});

/**
 * The environment variables of a consumer's completed-job retention, `<PREFIX>_KEEP_COMPLETED_SECONDS`
 * (default a day) and `<PREFIX>_KEEP_COMPLETED_COUNT` (default 10,000), for its zod config. A
 * completed job is kept until it is older than the first *or* is not among the newest second, so
 * Redis holds at most `count` completed jobs under any load. The same job id sent again while its
 * job is kept is dropped; sent after, it is processed again: the retention is also the queue's
 * dedupe window for replays (a longer window costs memory, about 1–2 KB per kept job).
 */
export function keepCompletedVars<P extends string>(prefix: P) {
  return {
    [`${prefix}_KEEP_COMPLETED_SECONDS`]: intVar(24 * 3600, 1, 30 * 24 * 3600),
    [`${prefix}_KEEP_COMPLETED_COUNT`]: intVar(10_000, 1, 10_000_000),
  } as Record<`${P}_KEEP_COMPLETED_${'SECONDS' | 'COUNT'}`, ReturnType<typeof intVar>>;
}

/** BullMQ's worker `removeOnComplete` for the retention that {@link keepCompletedVars} configured. */
export const keepCompleted = <P extends string>(
  config: Record<`${P}_KEEP_COMPLETED_${'SECONDS' | 'COUNT'}`, number>,
  prefix: P,
) => ({ age: config[`${prefix}_KEEP_COMPLETED_SECONDS`], count: config[`${prefix}_KEEP_COMPLETED_COUNT`] });

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
