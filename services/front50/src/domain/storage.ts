import { mapLimit } from '@genoa/shared';
import { objectTypes, type ObjectTypeName } from '../object-types.js';
import { ObjectRepository } from './object-repository.js';
import type { RepositoryOptions } from './repository-options.js';

/** One repository per object kind, all on the same store and layout. */
export type Repositories = { readonly [K in ObjectTypeName]: ObjectRepository };

/** front50's storage: every repository plus the warm-up and the periodic reconcile. */
export class Front50Storage {
  readonly repos: Repositories;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly options: RepositoryOptions) {
    const entries = (Object.keys(objectTypes) as ObjectTypeName[]).map(
      (name) => [name, new ObjectRepository(objectTypes[name], options)] as const,
    );
    this.repos = Object.fromEntries(entries) as unknown as Repositories;
  }

  /**
   * Loads every index (Spinnaker's cache warm-up; the service is ready afterwards): from each
   * type's snapshot plus a listing when a snapshot exists, else object by object. A missing or
   * stale snapshot is rewritten in the background.
   */
  async warm(): Promise<void> {
    await mapLimit(Object.values(this.repos), 8, (repo) => repo.warm());
    this.snapshotInBackground();
  }

  /** Writes the snapshots of changed indexes; failures are logged, never thrown. */
  snapshotInBackground(): void {
    if (this.options.writeSnapshots === false) return;
    for (const repo of Object.values(this.repos)) {
      repo.snapshotIfChanged().catch((err: unknown) => {
        this.options.logger.warn({ err, type: repo.type.name }, 'index snapshot failed');
      });
    }
  }

  /**
   * Every `intervalMs`, reconciles each loaded index against a listing: the safety net for
   * writers that do not keep the change log (a Spinnaker front50 sharing the bucket) and for a
   * replica that crashed between its commit and its change entry; then refreshes the snapshot
   * if the index changed. Failures are logged.
   */
  startReconciling(intervalMs: number): void {
    this.stop();
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      for (const repo of Object.values(this.repos)) {
        if (!repo.index.loaded) continue;
        repo
          .reconcile()
          .then(() => (this.options.writeSnapshots === false ? false : repo.snapshotIfChanged()))
          .catch((err: unknown) => {
            this.options.logger.warn({ err, type: repo.type.name }, 'periodic reconcile failed');
          });
      }
    }, intervalMs);
    this.timer.unref();
  }

  /** Resolves once every repository's post-write housekeeping has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all(Object.values(this.repos).map((repo) => repo.settled()));
  }

  /** Stops the periodic reconcile. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
