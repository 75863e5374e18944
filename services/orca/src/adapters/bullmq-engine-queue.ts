import type { EngineMessage } from '@genoa/shared';
import { QueueName } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineQueue } from '../ports.js';

/** BullMQ job options of every engine message: BullMQ attempts cover worker crashes only. */
export const ENGINE_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 500 },
} as const;

/** The job id of a keyed message (runTask): one per task, so its back-off loop is never doubled. */
export function keyedJobId(message: EngineMessage): string | undefined {
  if (message.kind !== 'runTask') return undefined;
  return `runTask-${message.executionId}-${message.stageId}-${message.taskId}`;
}

/**
 * The engine queue on BullMQ (`orca-engine`): the job name is the message kind, the data the
 * message. runTask messages are keyed (Keiko's de-duplication): pushing one that is already
 * delayed moves it instead of adding a second.
 */
export class BullmqEngineQueue implements EngineQueue {
  readonly queue: Queue<EngineMessage>;

  constructor(connection: Redis) {
    this.queue = createQueue<EngineMessage>(QueueName.orcaEngine, connection, {
      defaultJobOptions: ENGINE_JOB_OPTIONS,
    });
  }

  async push(message: EngineMessage, delayMs = 0): Promise<void> {
    await this.queue.add(message.kind, message, delayMs > 0 ? { delay: delayMs } : undefined);
  }

  async ensure(message: EngineMessage, delayMs = 0): Promise<void> {
    const jobId = keyedJobId(message);
    if (!jobId) return this.push(message, delayMs);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'waiting' || state === 'prioritized') return;
      if (state === 'delayed') {
        const due = existing.timestamp + (existing.delay ?? 0);
        if (Date.now() + delayMs < due) {
          const moved = delayMs === 0 ? existing.promote() : existing.changeDelay(delayMs);
          await moved.catch(() => undefined);
        }
        return;
      }
      if (state === 'active') {
        // Running now and may have read state before this push: deliver an unkeyed copy as well.
        return this.push(message, delayMs);
      }
      await existing.remove().catch(() => undefined);
    }
    await this.queue.add(message.kind, message, { jobId, ...(delayMs > 0 ? { delay: delayMs } : {}) });
  }

  /** Adds a keyed message without looking first (its key cannot be queued yet: a task just started). */
  async pushKeyed(message: EngineMessage, delayMs = 0): Promise<void> {
    const jobId = keyedJobId(message);
    await this.queue.add(message.kind, message, {
      ...(jobId ? { jobId } : {}),
      ...(delayMs > 0 ? { delay: delayMs } : {}),
    });
  }

  async hasPending(message: EngineMessage): Promise<boolean> {
    const jobId = keyedJobId(message);
    if (!jobId) return false;
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    return state === 'waiting' || state === 'delayed' || state === 'active' || state === 'prioritized';
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
