import { createHash } from 'node:crypto';
import type { EchoEvent } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { Redis } from 'ioredis';
import {
  CronExpressionError,
  latestFireTimeIn,
  parseQuartz,
  type QuartzCron,
} from '../domain/quartz-cron.js';
import type { PipelineSource } from '../domain/trigger-loop.js';
import { CRON_EVENT_TYPE } from '../triggers/cron.js';

/** What the scheduler needs. */
export interface CronSchedulerDeps {
  source: PipelineSource;
  redis: Redis;
  accept(event: EchoEvent): Promise<void>;
  timeZone: string;
  checkIntervalMs: number;
  /** How far back a missed tick may still fire after downtime (0 = never). */
  misfireWindowMs: number;
  logger: Logger;
  now?: () => number;
}

/** The eventId of one cron tick: the same on every replica. */
export const cronEventId = (pipelineId: string, triggerId: string, tick: number): string =>
  `cron-${createHash('sha256').update(`${pipelineId}\u0000${triggerId}\u0000${tick}`).digest('hex').slice(0, 32)}`;

/**
 * echo's cron scheduler. Every check it takes the cron triggers of the pipeline cache and, for each,
 * the latest tick in (last check, now] — at most one, so downtime never causes a catch-up storm: a
 * restart fires only the latest missed tick, and only if it is within the misfire window. A tick
 * fires once across replicas in effect: its event id comes from (pipeline, trigger, tick), so the
 * `echo-events` queue and echo's dedupe keep one event however many replicas send it, and a replica
 * killed mid-check loses nothing (the event is sent before the check is recorded). `SET NX
 * {echo}:cron:fire:<trigger>:<tick>` picks the replica that counts and logs the fire. The event is
 * turned into a start by the `cron` trigger definition.
 */
export class CronScheduler {
  private readonly parsed = new Map<string, { expression: string; cron: QuartzCron | null }>();
  private readonly lastChecked = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly deps: CronSchedulerDeps) {}

  private cronOf(triggerId: string, expression: string): QuartzCron | null {
    const known = this.parsed.get(triggerId);
    if (known?.expression === expression) return known.cron;
    let cron: QuartzCron | null = null;
    try {
      cron = parseQuartz(expression, triggerId);
    } catch (err) {
      if (!(err instanceof CronExpressionError)) throw err;
      this.deps.logger.warn(
        { triggerId, cronExpression: expression, reason: err.message },
        'invalid cron expression ignored',
      );
    }
    this.parsed.set(triggerId, { expression, cron });
    return cron;
  }

  /** One check; returns how many ticks this replica fired. */
  async check(): Promise<number> {
    const { deps } = this;
    const now = (deps.now ?? Date.now)();
    let fired = 0;
    for (const { pipeline, trigger } of deps.source.triggersOf('cron')) {
      const triggerId = trigger.id;
      const expression = (trigger as { cronExpression?: unknown }).cronExpression;
      if (!triggerId || !pipeline.id || typeof expression !== 'string') continue;
      const cron = this.cronOf(triggerId, expression);
      if (!cron) continue;
      const stateKey = `{echo}:cron:last:${pipeline.id}:${triggerId}`;
      let last = this.lastChecked.get(stateKey);
      if (last === undefined) {
        const stored = await deps.redis.get(stateKey);
        last = stored === null ? now : Number(stored);
      }
      this.lastChecked.set(stateKey, now);
      const from = Math.max(last, now - deps.misfireWindowMs);
      const tick = from < now ? latestFireTimeIn(cron, from, now, deps.timeZone) : undefined;
      if (tick === undefined) {
        if (last === now || now % 30_000 < deps.checkIntervalMs)
          await deps.redis.set(stateKey, String(now), 'EX', 30 * 86_400);
        continue;
      }
      // Send first, then record: a replica killed in between has lost nothing. Every replica may
      // send the tick's event; its id is the same everywhere, so the queue and echo keep one.
      await deps.accept({
        details: {
          type: CRON_EVENT_TYPE,
          source: 'echo',
          created: String(now),
          application: pipeline.application ?? undefined,
        },
        content: { triggerId, pipelineId: pipeline.id, scheduledTime: tick },
        eventId: cronEventId(pipeline.id, triggerId, tick),
      });
      await deps.redis.set(stateKey, String(now), 'EX', 30 * 86_400);
      // The first replica to claim the tick counts (and logs) it as fired.
      const claimed = await deps.redis.set(
        `{echo}:cron:fire:${triggerId}:${tick}`,
        '1',
        'EX',
        2 * 86_400,
        'NX',
      );
      if (claimed !== 'OK') continue;
      fired += 1;
      deps.logger.info(
        {
          pipelineId: pipeline.id,
          triggerId,
          scheduledTime: new Date(tick).toISOString(),
          lateMs: now - tick,
        },
        'cron trigger fired',
      );
    }
    return fired;
  }

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.check()
        .catch((err: unknown) => {
          this.deps.logger.warn({ err }, 'cron check failed');
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, this.deps.checkIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
