import { EngineMessageSchema, QueueName, type EngineMessage } from '@genoa/shared';
import { createWorker } from '@genoa/shared/node';
import { DelayedError, UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { EngineDeps } from '../queue/handler-context.js';
import { deadLetterFor, processMessage } from '../queue/engine-runner.js';
import { ENGINE_JOB_OPTIONS, keyedJobId } from './bullmq-engine-queue.js';

/** Options for {@link startEngineWorker}. */
export interface EngineWorkerOptions {
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Counts handled messages by kind and outcome. */
  counter: Counter<'kind' | 'outcome'>;
}

/** The engine's message counter (register it on the service's metrics registry). */
export const engineMessageCounter = () =>
  new Counter({
    name: 'orca_engine_messages_total',
    help: 'Engine messages handled, by kind and outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [],
  });

/**
 * The BullMQ worker of `orca-engine`: parses each job as an engine message and runs it through
 * the engine runner. A task's back-off and lock contention move the job to delayed; a message
 * that keeps failing is dead-lettered (its stage aborted or its execution canceled).
 */
export function startEngineWorker(
  deps: EngineDeps,
  connection: Redis,
  logger: Logger,
  options: EngineWorkerOptions,
): Worker {
  const handled = options.counter;
  const processor = async (job: Job, token?: string) => {
    const parsed = EngineMessageSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id, issues: parsed.error.issues }, 'invalid engine message dropped');
      throw new UnrecoverableError('invalid engine message');
    }
    const message = parsed.data;
    let delayed = false;
    const delivery = {
      retry: job.attemptsMade > 0,
      async retryLater(delayMs: number) {
        if (message.kind === 'runTask' && job.id !== keyedJobId(message)) {
          await deps.queue.ensure(message, delayMs);
          return;
        }
        await job.moveToDelayed(Date.now() + delayMs, token);
        delayed = true;
      },
    };
    try {
      const outcome = await processMessage(deps, message, delivery, (kind) =>
        handled.inc({ kind, outcome: 'handled' }),
      );
      handled.inc({ kind: message.kind, outcome });
    } catch (err) {
      handled.inc({ kind: message.kind, outcome: 'error' });
      const attempts = job.opts.attempts ?? ENGINE_JOB_OPTIONS.attempts;
      if (job.attemptsMade + 1 >= attempts) return deadLetter(deps, message, logger, err);
      logger.warn(
        { err, jobId: job.id, messageType: message.kind, executionId: executionIdOf(message) },
        'engine message failed; will retry',
      );
      throw err;
    }
    if (delayed) throw new DelayedError();
  };
  return createWorker(QueueName.orcaEngine, processor, connection, logger, {
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: 10,
  });
}

const executionIdOf = (m: EngineMessage) => ('executionId' in m ? m.executionId : undefined);

/** Dead-letters a message that failed on every attempt. */
async function deadLetter(
  deps: EngineDeps,
  message: EngineMessage,
  logger: Logger,
  err: unknown,
): Promise<void> {
  const next = deadLetterFor(message);
  logger.error(
    { err, messageType: message.kind, executionId: executionIdOf(message), next: next?.kind },
    'engine message dead-lettered',
  );
  if (next) await deps.queue.push(next);
}
