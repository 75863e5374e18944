import { PipelineStartRequestSchema, QueueName } from '@genoa/shared';
import { createWorker } from '@genoa/shared/node';
import { UnrecoverableError, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ExecutionLauncher } from '../engine/execution-launcher.js';

/**
 * Consumes `orca-pipeline-requests` (echo triggers, gate runs): each request starts a pipeline,
 * keyed by its `requestKey`, so a redelivered request never starts a second execution. Completed
 * jobs are kept per `removeOnComplete` (ORCA_START_REQUESTS_KEEP_COMPLETED_*).
 */
export function startRequestWorker(
  launcher: ExecutionLauncher,
  connection: Redis,
  logger: Logger,
  concurrency: number,
  removeOnComplete: { age: number; count: number },
): Worker {
  return createWorker(
    QueueName.orcaPipelineRequests,
    async (job) => {
      const parsed = PipelineStartRequestSchema.safeParse(job.data);
      if (!parsed.success) {
        logger.warn({ jobId: job.id, issues: parsed.error.issues }, 'invalid pipeline start request dropped');
        throw new UnrecoverableError('invalid pipeline start request');
      }
      const r = parsed.data;
      const execution = await launcher.startPipeline({
        pipeline: r.pipeline as Record<string, unknown>,
        trigger: {
          ...(r.trigger as Record<string, unknown>),
          ...(r.correlationId ? { correlationId: r.correlationId } : {}),
        },
        user: r.user,
        origin: r.origin,
        correlationKey: `request:${r.requestKey}`,
      });
      logger.info({ executionId: execution.id, requestKey: r.requestKey }, 'pipeline start request accepted');
      return { executionId: execution.id };
    },
    connection,
    logger,
    { concurrency, removeOnComplete },
  );
}
