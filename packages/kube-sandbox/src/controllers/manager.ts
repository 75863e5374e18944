import { StatusError } from '../api/errors.js';
import type { StoreEvent } from '../store/store.js';
import type { Controller, ControllerContext } from './controller.js';

/**
 * Runs controllers: each store event is mapped to work keys, queued (deduplicated) and
 * reconciled after the triggering write has returned. Conflicts are retried shortly after.
 */
export class ControllerManager {
  private readonly queues = new Map<string, Set<string>>();
  private scheduled = false;
  private stopped = false;
  private readonly byName: Map<string, Controller>;
  /** Errors other than conflicts, kept for diagnostics. */
  readonly errors: { controller: string; key: string; message: string }[] = [];

  constructor(
    private readonly controllers: Controller[],
    private readonly ctx: Omit<ControllerContext, 'enqueue'>,
  ) {
    this.byName = new Map(controllers.map((c) => [c.name, c]));
    this.context = { ...ctx, enqueue: (n, k, d) => this.enqueue(n, k, d) };
  }

  /** The context handed to controllers (one stable instance per manager). */
  readonly context: ControllerContext;

  /** Feeds one store event to every controller. */
  onEvent(e: StoreEvent): void {
    if (this.stopped) return;
    const ctx = this.context;
    for (const c of this.controllers) for (const k of c.keysFor(e, ctx)) this.enqueue(c.name, k);
  }

  /** Queues work, now or after `delayMs`. */
  enqueue(name: string, key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs > 0) {
      this.ctx.clock.after(delayMs, () => this.enqueue(name, key));
      return;
    }
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Set()));
    q.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const ctx = this.context;
    for (const [name, q] of [...this.queues]) {
      const keys = [...q];
      q.clear();
      const c = this.byName.get(name)!;
      for (const key of keys) {
        try {
          c.reconcile(key, ctx);
        } catch (err) {
          if (err instanceof StatusError && (err.code === 409 || err.code === 404))
            this.enqueue(name, key, 20);
          else {
            this.errors.push({
              controller: name,
              key,
              message: err instanceof Error ? err.message : String(err),
            });
            if (this.errors.length > 100) this.errors.shift();
            this.enqueue(name, key, 500);
          }
        }
      }
    }
  }

  /** Stops processing. */
  stop(): void {
    this.stopped = true;
  }
}
