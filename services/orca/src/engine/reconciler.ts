import type { Logger } from 'pino';
import { repairMessages } from '../domain/repair.js';
import type { Clock, EngineQueue, ExecutionRepository } from '../ports.js';

/** Options for {@link Reconciler}. */
export interface ReconcilerOptions {
  /** An unfinished execution with no write for this long is checked. */
  idleMs: number;
  /** How many executions one pass checks at most. */
  batch?: number;
}

/**
 * Finds unfinished executions that have not changed for a while and re-queues what should be
 * pending for them (Orca's zombie check, but repairing instead of canceling). Handlers are
 * idempotent, so a repair of an execution whose work was not lost changes nothing; a runTask is
 * only re-queued when none is queued, so long back-offs are left alone.
 */
export class Reconciler {
  constructor(
    private readonly repository: ExecutionRepository,
    private readonly queue: EngineQueue,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ReconcilerOptions,
  ) {}

  /** One pass; returns how many executions were repaired. */
  async reconcile(): Promise<number> {
    const now = this.clock.now();
    const ids = await this.repository.idleSince(now - this.options.idleMs, this.options.batch ?? 200);
    let repaired = 0;
    for (const id of ids) {
      const execution = await this.repository.get(id);
      if (!execution) continue;
      const { messages, runTasks } = repairMessages(execution);
      const missing = [];
      for (const m of runTasks) if (!(await this.queue.hasPending(m))) missing.push(m);
      for (const m of [...messages, ...missing])
        await (m.kind === 'runTask' ? this.queue.ensure(m) : this.queue.push(m));
      await this.repository.touch(id, now);
      if (messages.length + missing.length > 0) {
        repaired += 1;
        this.logger.warn(
          { executionId: id, messages: [...messages, ...missing].map((m) => m.kind) },
          'idle execution repaired',
        );
      }
    }
    return repaired;
  }
}

/** Runs `task` every `intervalMs` until stopped; errors are logged, not thrown. */
export function every(
  intervalMs: number,
  logger: Logger,
  name: string,
  task: () => Promise<unknown>,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = task()
      .catch((err: unknown) => logger.warn({ err, loop: name }, 'background loop failed'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
