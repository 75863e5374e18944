import type { Clock, ObjectStore, StorageLogger } from '../ports.js';
import type { KeyLayout } from './keys.js';

/** What every repository shares: the store, the key layout, the clock and the tuning knobs. */
export interface RepositoryOptions {
  store: ObjectStore;
  layout: KeyLayout;
  clock: Clock;
  logger: StorageLogger;
  /** Versions kept per object (older ones are pruned after each write). */
  historyMaxVersions: number;
  /**
   * How far back (ms) a reader re-lists the change log: covers clock skew between replicas and
   * writes in flight. A write that takes longer than half of it is abandoned before it commits.
   */
  changeLookbackMs: number;
  /** How long change-log entries are kept; a reader idle for half of it reconciles in full. */
  changeLogRetentionMs: number;
  /** Parallel GETs while loading or reconciling. */
  loadConcurrency: number;
  /** Write index snapshots after warm-up and reconciles (default true). */
  writeSnapshots?: boolean;
}

/** Defaults for {@link RepositoryOptions} tuning knobs. */
export const defaultTuning = {
  historyMaxVersions: 50,
  changeLookbackMs: 5_000,
  changeLogRetentionMs: 30 * 60_000,
  loadConcurrency: 32,
} as const;
