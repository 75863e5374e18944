/**
 * Serialises async work per key inside one process: calls with the same key run one after the
 * other, in arrival order; different keys run in parallel.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` once every earlier call with `key` has settled. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(fn, fn);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/**
 * Coalesces concurrent calls of an async job: a call made while a run is in flight waits for
 * the next run (which starts after the current one), never for one that began before it — so
 * every caller observes a run that started after it asked.
 */
export class Coalescer {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly job: () => Promise<void>) {}

  /** Resolves after a run of the job that started after this call. */
  run(): Promise<void> {
    if (!this.running) return this.start();
    if (!this.queued) {
      this.queued = this.running.then(
        () => this.start(),
        () => this.start(),
      );
    }
    return this.queued;
  }

  private start(): Promise<void> {
    this.queued = undefined;
    const run = this.job().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}
