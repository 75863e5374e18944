import type { PipelineStartRequest } from '@genoa/shared';
import { createPipelineRequestProducer, type Producer } from '@genoa/shared/node';
import type { Redis } from 'ioredis';

/** Starts pipelines through orca's contract. */
export interface PipelineStarter {
  start(request: PipelineStartRequest): Promise<void>;
}

/**
 * Puts start requests on `orca-pipeline-requests` with a job id derived from `requestKey`, so a
 * second start for the same event and pipeline is a no-op (orca dedupes by `requestKey` too).
 */
export class QueuePipelineStarter implements PipelineStarter {
  private readonly producer: Producer<PipelineStartRequest>;
  constructor(redis: Redis) {
    this.producer = createPipelineRequestProducer(redis);
  }

  start(request: PipelineStartRequest): Promise<void> {
    return this.producer.send(request);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
