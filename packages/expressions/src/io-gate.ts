import { ExpressionError } from './errors.js';

/**
 * Lets synchronous helpers use asynchronous I/O. The interpreter is synchronous (fast, simple,
 * metered); a helper that needs I/O asks the gate for a keyed result. The first time, the gate
 * throws {@link PendingIo}; the async driver performs the I/O, stores the outcome, and re-runs the
 * expression, which is pure, so the re-run reaches the same call and now gets the stored result.
 */
export class PendingIo extends Error {
  override readonly name = 'PendingIo';
  constructor(
    readonly key: string,
    readonly start: () => Promise<unknown>,
  ) {
    super(`I/O pending for ${key}`);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The store of I/O outcomes for one evaluation (see {@link PendingIo}). */
export class IoGate {
  private readonly outcomes = new Map<string, Outcome>();

  /** The stored result for `key`; throws PendingIo when it has not been fetched yet. */
  get(key: string, start: () => Promise<unknown>): unknown {
    const outcome = this.outcomes.get(key);
    if (!outcome) throw new PendingIo(key, start);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Performs pending I/O and stores its outcome (an error is stored too, and rethrown on replay). */
  async settle(pending: PendingIo, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ExpressionError('TIMEOUT', `I/O for ${pending.key} exceeded the time limit`)),
        timeoutMs,
      );
    });
    try {
      this.outcomes.set(pending.key, { ok: true, value: await Promise.race([pending.start(), timeout]) });
    } catch (error) {
      this.outcomes.set(pending.key, { ok: false, error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** How many distinct I/O operations were performed. */
  get size(): number {
    return this.outcomes.size;
  }
}
