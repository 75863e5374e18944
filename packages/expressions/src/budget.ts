import { ExpressionError } from './errors.js';
import type { ExpressionLimits } from './limits.js';

/**
 * The meter of one evaluation: counts steps, watches the wall clock, checks sizes. Every loop in
 * the interpreter and in methods/helpers pays through {@link Budget.tick}.
 */
export class Budget {
  private steps = 0;
  private nextClockCheck = 256;
  private readonly deadline: number;
  fetches = 0;

  constructor(
    readonly limits: ExpressionLimits,
    startedAt: number = performance.now(),
  ) {
    this.deadline = startedAt + limits.timeoutMs;
  }

  /** Pays `n` steps; throws LIMIT past `maxSteps` and TIMEOUT past the deadline. */
  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) {
      throw new ExpressionError('LIMIT', `Evaluation exceeded the maximum of ${this.limits.maxSteps} steps`);
    }
    if (this.steps >= this.nextClockCheck) {
      this.nextClockCheck = this.steps + 256;
      this.checkClock();
    }
  }

  /** Throws TIMEOUT when the wall-time limit has passed. */
  checkClock(): void {
    if (performance.now() > this.deadline) {
      throw new ExpressionError(
        'TIMEOUT',
        `Evaluation exceeded the time limit of ${this.limits.timeoutMs} ms`,
      );
    }
  }

  /** Milliseconds left before the deadline (never negative). */
  remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  /** Steps used so far. */
  get used(): number {
    return this.steps;
  }

  /** Throws LIMIT when a string would be longer than `maxStringLength`; pays for its length. */
  string(length: number): void {
    if (length > this.limits.maxStringLength) {
      throw new ExpressionError(
        'LIMIT',
        `A string of ${length} characters exceeds the maximum of ${this.limits.maxStringLength}`,
      );
    }
    this.tick(1 + (length >> 10));
  }

  /** Throws LIMIT when a list or map would hold more than `maxCollectionSize` elements. */
  collection(size: number): void {
    if (size > this.limits.maxCollectionSize) {
      throw new ExpressionError(
        'LIMIT',
        `A collection of ${size} elements exceeds the maximum of ${this.limits.maxCollectionSize}`,
      );
    }
  }
}
