import { PipelineSchema, type Pipeline, type TriggerConfig } from '@genoa/shared';
import type { Logger, ServiceClient } from '@genoa/shared/node';
import { z } from 'zod';
import { isEnabled } from '../domain/parameters.js';
import type { Candidate } from '../domain/trigger-definition.js';
import type { PipelineSource } from '../domain/trigger-loop.js';

/**
 * echo's pipeline cache (edge.md §4.3): every pipeline from Front50 (`GET /pipelines?restricted=false`),
 * loaded at start, re-read every interval and on demand (`refresh`), with the enabled triggers of
 * enabled pipelines grouped by type. A pipeline that fails validation is skipped, not fatal.
 */
export class PipelineCache implements PipelineSource {
  private all: Pipeline[] = [];
  private byType = new Map<string, Candidate[]>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | undefined;
  /** When the cache was last loaded (epoch ms), 0 before the first load. */
  loadedAt = 0;

  constructor(
    private readonly front50: ServiceClient,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  pipelines(): readonly Pipeline[] {
    return this.all;
  }

  triggersOf(type: string): readonly Candidate[] {
    return this.byType.get(type) ?? [];
  }

  /** Reads one pipeline fresh from Front50 (`GET /pipelines/{id}/get`); undefined if it fails. */
  async fresh(id: string): Promise<Pipeline | undefined> {
    try {
      return await this.front50.get(`/pipelines/${encodeURIComponent(id)}/get`, { schema: PipelineSchema });
    } catch (err) {
      this.logger.warn({ err, pipelineId: id }, 'pipeline re-read failed, using the cached copy');
      return undefined;
    }
  }

  /** Reloads everything now (concurrent calls share one load); returns the pipeline count. */
  refresh(): Promise<number> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async load(): Promise<number> {
    const started = performance.now();
    const raw = await this.front50.get('/pipelines', {
      query: { restricted: false },
      schema: z.array(z.unknown()),
    });
    const pipelines: Pipeline[] = [];
    for (const item of raw) {
      const parsed = PipelineSchema.safeParse(item);
      if (parsed.success) pipelines.push(parsed.data);
      else
        this.logger.warn(
          { pipelineId: (item as { id?: unknown })?.id, issues: parsed.error.issues.length },
          'invalid pipeline skipped',
        );
    }
    const byType = new Map<string, Candidate[]>();
    for (const pipeline of pipelines) {
      if (pipeline.disabled) continue;
      for (const trigger of pipeline.triggers ?? []) {
        if (!isEnabled(trigger.enabled) || !trigger.type) continue;
        const list = byType.get(trigger.type) ?? [];
        list.push({ pipeline, trigger: trigger as TriggerConfig });
        byType.set(trigger.type, list);
      }
    }
    this.all = pipelines;
    this.byType = byType;
    this.loadedAt = Date.now();
    this.logger.debug(
      { pipelines: pipelines.length, durationMs: Math.round(performance.now() - started) },
      'pipeline cache loaded',
    );
    return pipelines.length;
  }

  /** Loads once (failure tolerated: the next interval retries) and re-reads every interval. */
  async start(): Promise<void> {
    await this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'pipeline cache load failed'));
    this.timer = setInterval(
      () =>
        void this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'pipeline cache load failed')),
      this.intervalMs,
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
