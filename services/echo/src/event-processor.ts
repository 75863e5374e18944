import type { EchoEvent, JsonMap } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { RedisEventDedupe } from './adapters/event-dedupe.js';
import type { PipelineStarter } from './adapters/pipeline-starter.js';
import type { TriggerContext, TriggerDefinition } from './domain/trigger-definition.js';
import { matchEvent, startRequestFor, type PipelineSource } from './domain/trigger-loop.js';

/** Stage types whose completion means Front50 changed a pipeline (orca's save/update/delete tasks). */
const PIPELINE_WRITES = new Set(['savePipeline', 'updatePipeline', 'deletePipeline']);

/** Whether an orca event reports a finished pipeline write, so the cache must be re-read. */
export function isPipelineWrite(event: EchoEvent): boolean {
  if (!/^orca:(orchestration|pipeline):complete$/.test(event.details.type)) return false;
  const execution = event.content.execution as { stages?: { type?: unknown }[] } | undefined;
  return (execution?.stages ?? []).some((s) => typeof s.type === 'string' && PIPELINE_WRITES.has(s.type));
}

/** Handles orca lifecycle events for notifications (see `notifiers/`). */
export interface LifecycleListener {
  onEvent(event: EchoEvent): Promise<void>;
}

/** What the processor needs. */
export interface EventProcessorDeps {
  source: PipelineSource & { refresh(): Promise<number> };
  definitions: readonly TriggerDefinition<unknown, unknown>[];
  ctx: TriggerContext;
  starter: PipelineStarter;
  dedupe: RedisEventDedupe;
  listeners?: LifecycleListener[];
  logger: Logger;
}

/**
 * echo's event pipeline, run by the `echo-events` worker: drop an eventId already processed, match
 * triggers and enqueue one start request per matched pipeline (idempotent by requestKey), hand
 * lifecycle events to the notification listeners, re-read the pipeline cache after a pipeline
 * write, then mark the eventId processed. A crash before the mark re-runs the event harmlessly.
 */
export class EventProcessor {
  constructor(private readonly deps: EventProcessorDeps) {}

  async process(event: EchoEvent): Promise<{ duplicate: boolean; started: string[] }> {
    const { deps } = this;
    const log = deps.logger.child({
      eventId: event.eventId,
      eventType: event.details.type,
      eventSource: event.details.source,
    });
    if (await deps.dedupe.seen(event.eventId)) {
      log.debug('duplicate event dropped');
      return { duplicate: true, started: [] };
    }
    const onSkip = (info: { type: string; pipelineId?: string | null; err: unknown }) =>
      log.warn(
        { triggerType: info.type, pipelineId: info.pipelineId, err: info.err },
        'trigger skipped after an error',
      );
    let matches = await matchEvent(event, deps.definitions, deps.source, deps.ctx, onSkip);
    if (matches.length === 0 && event.details.type === 'manual') {
      // Not in the cache (saved a moment ago?): re-read Front50 once, as Spinnaker falls back to it.
      await deps.source.refresh().catch((err: unknown) => log.warn({ err }, 'pipeline cache load failed'));
      matches = await matchEvent(event, deps.definitions, deps.source, deps.ctx, onSkip);
      if (matches.length === 0)
        log.warn({ content: pick(event.content) }, 'manual event matched no pipeline');
    }
    const started: string[] = [];
    for (const match of matches) {
      const request = startRequestFor(event, match);
      await deps.starter.start(request);
      started.push(request.requestKey);
      log.info(
        {
          pipelineId: match.pipeline.id,
          application: match.pipeline.application,
          triggerType: match.type,
          requestKey: request.requestKey,
        },
        'pipeline triggered',
      );
    }
    for (const listener of deps.listeners ?? []) await listener.onEvent(event);
    if (isPipelineWrite(event))
      void deps.source.refresh().catch((err: unknown) => log.warn({ err }, 'pipeline cache load failed'));
    await deps.dedupe.mark(event.eventId);
    return { duplicate: false, started };
  }
}

const pick = (content: JsonMap) => ({
  application: content.application,
  pipelineNameOrId: content.pipelineNameOrId,
});
