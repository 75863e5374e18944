import { QueueName, type PipelineStartRequest } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueJobId } from './job-id.js';

/** Starts pipelines through orca's contract. */
export interface PipelineStarter {
  start(request: PipelineStartRequest): Promise<void>;
}

/**
 * Puts start requests on `orca-pipeline-requests` with a job id derived from `requestKey`, so a
 * second start for the same event and pipeline is a no-op (orca dedupes by `requestKey` too).
 */
export class QueuePipelineStarter implements PipelineStarter {
  private readonly queue: Queue<PipelineStartRequest>;
  constructor(redis: Redis) {
    this.queue = createQueue<PipelineStartRequest>(QueueName.orcaPipelineRequests, redis);
  }

  async start(request: PipelineStartRequest): Promise<void> {
    await this.queue.add('start', request, {
      jobId: queueJobId(request.requestKey),
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
