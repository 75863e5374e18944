/** What a commit did. */
export interface CommitResult {
  eventsSent: number;
  cursorsMoved: number;
}

/**
 * A polling monitor, igor's CommonPollingMonitor as data: per partition (a master), `generateDelta`
 * compares remote state with the stored cursors and `commitDelta` moves cursors and sends events
 * (`sendEvents: false` fast-forwards). `eventCount` says how many events a delta would send, for the
 * flood safeguard (`threshold`).
 */
export interface PollingMonitor<D> {
  name: string;
  /** The partitions to poll (may be looked up, e.g. accounts from clouddriver). */
  partitions(): string[] | Promise<string[]>;
  threshold(partition: string): number;
  generateDelta(partition: string): Promise<D[]>;
  eventCount(delta: readonly D[]): number;
  commitDelta(
    partition: string,
    delta: readonly D[],
    options: { sendEvents: boolean },
  ): Promise<CommitResult>;
}

/** Declares a polling monitor (typed identity). */
export const defineMonitor = <D>(monitor: PollingMonitor<D>): PollingMonitor<D> => monitor;
