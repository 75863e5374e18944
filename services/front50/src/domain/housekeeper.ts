/**
 * Batches the low-priority work that follows writes (Spinnaker's `last-modified.json` bump,
 * history and change-log pruning): writes note what they touched, and one flush runs
 * `delayMs` later for everything noted meanwhile — one marker PUT per burst instead of one per
 * write, and none competing with the reads that follow a save. `settled()` flushes at once.
 */
export class Housekeeper {
  private readonly ids = new Set<string>();
  private latestTs = 0;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly work: (ids: string[], latestTs: number) => Promise<void>,
  ) {}

  /** Records a write (of `id`, or a delete when undefined) made at `ts`. */
  note(id: string | undefined, ts: number): void {
    if (id !== undefined) this.ids.add(id);
    this.latestTs = Math.max(this.latestTs, ts);
    this.pending = true;
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** Runs the work for everything noted so far (after any flush already running). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    if (!this.pending) return;
    const ids = [...this.ids];
    this.ids.clear();
    this.pending = false;
    this.running = this.work(ids, this.latestTs).finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  /** Resolves once nothing noted is left undone. */
  async settled(): Promise<void> {
    while (this.pending || this.running) await this.flush();
  }
}
