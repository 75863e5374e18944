import type { KatoTask } from './domain/task.js';

/** Where operation tasks live so that any replica can answer `GET /task/{id}`. */
export interface TaskRepository {
  /** Stores a new running task and takes its lease for `ownerId`. */
  create(task: KatoTask): Promise<void>;
  /** Stores the task's new state; a finished task leaves the running set and expires later. */
  save(task: KatoTask): Promise<void>;
  get(id: string): Promise<KatoTask | undefined>;
  /** Ids of tasks stored as running. */
  running(): Promise<string[]>;
  /** Extends the lease of tasks this replica runs. */
  renewLeases(ids: readonly string[]): Promise<void>;
  /** True while the task's owner keeps renewing its lease. */
  hasLease(id: string): Promise<boolean>;
}
