import {
  LiveEventChannels,
  LiveEventNames,
  type EchoEvent,
  type ExecutionLiveEvent,
  type LiveEventMessage,
} from '@genoa/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EventPublisher } from '../ports.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/** The live event (gate's SSE `execution` data) an orca event stands for; undefined when it has no execution. */
export function toLiveEvent(event: EchoEvent): ExecutionLiveEvent | undefined {
  const content = record(event.content);
  const execution = record(content.execution);
  const application = str(event.details.application) ?? str(execution.application);
  const executionId = str(content.executionId) ?? str(execution.id);
  if (!application || !executionId) return undefined;
  const created = Number(event.details.created);
  return {
    application,
    executionId,
    executionType: str(execution.type),
    pipelineConfigId: str(execution.pipelineConfigId),
    type: event.details.type,
    stageId: str(content.stageId),
    status: str(content.status) ?? str(execution.status),
    timestamp: Number.isFinite(created) && created > 0 ? created : Date.now(),
  };
}

/**
 * Wraps orca's event publisher and also PUBLISHes each execution, stage and task state change on
 * the application's live channel, for gate's Server-Sent Events. Events of one tick go in one
 * pipeline, off the engine's path; pub/sub keeps nothing, so a change nobody is watching costs one
 * PUBLISH and a lost one costs a client nothing it would not refetch on reconnect.
 */
export class RedisLiveEventPublisher implements EventPublisher {
  private pending: LiveEventMessage[] = [];
  private scheduled = false;

  constructor(
    private readonly redis: Redis,
    private readonly inner: EventPublisher,
    private readonly logger?: Logger,
  ) {}

  async publish(events: readonly EchoEvent[]): Promise<void> {
    for (const event of events) {
      const data = toLiveEvent(event);
      if (data) this.pending.push({ event: LiveEventNames.execution, data });
    }
    if (this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
    await this.inner.publish(events);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const message of batch)
      pipeline.publish(LiveEventChannels.application(message.data.application), JSON.stringify(message));
    pipeline.exec().catch((err: unknown) => this.logger?.warn({ err }, 'live events could not be published'));
  }
}
