import { mapLimit } from '@genoa/shared';
import type { ObjectType } from '../object-types.js';
import { ChangeFollower, DELETED, parseChangeKey, type ChangeEntry } from './change-log.js';
import { padTs } from './keys.js';
import type { RepositoryOptions } from './repository-options.js';
import type { IndexEntry, TypeIndex } from './type-index.js';

/** Builds an index entry from a stored body, or undefined when the body is not a JSON object. */
export function toEntry(
  type: ObjectType,
  id: string,
  body: string,
  etag: string,
  metadata: Record<string, string>,
): IndexEntry | undefined {
  let item: unknown;
  try {
    item = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const entry: IndexEntry = { id, item: item as Record<string, unknown>, json: body, etag };
  if (metadata['genoa-version']) entry.version = metadata['genoa-version'];
  const partition = type.partitionOf?.(entry.item);
  if (partition !== undefined) entry.partition = partition;
  return entry;
}

/**
 * Keeps one type's index equal to the bucket. A full reconcile lists the type's keys and GETs
 * only objects whose ETag differs from the index (the first one loads everything). An
 * incremental sync costs one LIST of the change log since the last sync, then one GET per
 * object that changed — never a listing of the whole type.
 */
export class TypeSync {
  readonly follower = new ChangeFollower();
  private lastSyncStart = 0;

  constructor(
    private readonly type: ObjectType,
    private readonly index: TypeIndex,
    private readonly options: RepositoryOptions,
  ) {}

  /** Brings the index up to date: incremental when possible, a full reconcile otherwise. */
  async sync(): Promise<void> {
    const started = this.options.clock.now();
    const idleTooLong = started - this.lastSyncStart > this.options.changeLogRetentionMs / 2;
    if (!this.index.loaded || idleTooLong) {
      await this.reconcile(started);
      return;
    }
    await this.followChanges(started);
  }

  /** Lists every object of the type and re-reads those that differ from the index. */
  async reconcile(started = this.options.clock.now()): Promise<number> {
    const { store, layout, loadConcurrency, logger } = this.options;
    const watermark = this.index.generation;
    const listed = await store.list(layout.groupPrefix(this.type));
    const seen = new Set<string>();
    const stale: { id: string; key: string }[] = [];
    for (const { key, etag } of listed) {
      const id = layout.idOfKey(this.type, key);
      if (id === undefined) continue;
      seen.add(id);
      if (this.index.get(id)?.etag !== etag) stale.push({ id, key });
    }
    await mapLimit(stale, loadConcurrency, async ({ id }) => this.refresh(id));
    for (const entry of this.index.values()) {
      if (!seen.has(entry.id)) this.index.applyIfUnchanged(entry.id, watermark, undefined);
    }
    const wasLoaded = this.index.loaded;
    this.index.loaded = true;
    this.lastSyncStart = started;
    logger.debug(
      { type: this.type.name, objects: this.index.size, reloaded: stale.length, wasLoaded },
      'index reconciled',
    );
    return stale.length;
  }

  /**
   * Fills the index from the type's snapshot, if there is one, and returns the time its index
   * was last synced. The caller then either replays the change log from that time (when it is
   * recent enough to still be in the log) or reconciles against a listing.
   */
  async loadSnapshot(): Promise<{ objects: number; syncedAt: number } | undefined> {
    const found = await this.options.store.get(this.options.layout.snapshotKey(this.type));
    if (!found) return undefined;
    type Snapshot = {
      syncedAt?: number;
      entries?: { id: string; etag: string; version?: string; item: Record<string, unknown> }[];
    };
    let parsed: Snapshot;
    try {
      parsed = JSON.parse(found.body) as Snapshot;
    } catch {
      this.options.logger.warn({ type: this.type.name }, 'index snapshot unreadable; ignored');
      return undefined;
    }
    for (const { id, etag, version, item } of parsed.entries ?? []) {
      const entry = toEntry(
        this.type,
        id,
        JSON.stringify(item),
        etag,
        version ? { 'genoa-version': version } : {},
      );
      if (entry) this.index.set(entry);
    }
    return { objects: this.index.size, syncedAt: parsed.syncedAt ?? 0 };
  }

  /** Continues from a snapshot synced at `syncedAt`: the next sync replays the change log from there. */
  resumeFrom(syncedAt: number): void {
    this.index.loaded = true;
    this.lastSyncStart = syncedAt;
  }

  /** Writes the index as the type's snapshot, stamped with the start of the sync it reflects. */
  async writeSnapshot(): Promise<void> {
    const entries = this.index.values().map(({ id, etag, version, item }) => ({ id, etag, version, item }));
    const body = JSON.stringify({ format: 1, syncedAt: this.lastSyncStart, entries });
    await this.options.store.put(this.options.layout.snapshotKey(this.type), body);
  }

  /** Applies the change-log entries written since the last sync. */
  private async followChanges(started: number): Promise<void> {
    const { store, layout, changeLookbackMs, loadConcurrency } = this.options;
    const prefix = layout.changePrefix(this.type);
    const from = this.lastSyncStart - changeLookbackMs;
    const keys = await store.list(prefix, { startAfter: `${prefix}${padTs(from)}` });
    const listed = keys
      .map((k) => parseChangeKey(prefix, k.key))
      .filter((e): e is ChangeEntry => e !== undefined);
    const outstanding = this.follower.outstanding(listed);
    if (outstanding.length > 0) {
      const newest = new Map<string, ChangeEntry>();
      for (const entry of [...listed, ...outstanding]) {
        const previous = newest.get(entry.id);
        if (!previous || previous.key < entry.key) newest.set(entry.id, entry);
      }
      const ids = [...new Set(outstanding.map((e) => e.id))];
      const etags = new Map<string, string>();
      await mapLimit(ids, loadConcurrency, async (id) => {
        etags.set(id, (await this.refresh(id)) ?? DELETED);
      });
      for (const entry of outstanding) {
        const landed = etags.get(entry.id) === entry.expect;
        const superseded = newest.get(entry.id)!.key !== entry.key;
        if (landed || superseded) this.follower.markDone(entry);
        else this.follower.markPending(entry);
      }
    }
    this.follower.forgetBefore(from - changeLookbackMs);
    this.lastSyncStart = started;
  }

  /** Re-reads one object into the index; returns its ETag, or undefined when it is gone. */
  async refresh(id: string): Promise<string | undefined> {
    const generation = this.index.generationOf(id);
    const found = await this.options.store.get(this.options.layout.objectKey(this.type, id));
    if (!found) {
      this.index.applyIfUnchanged(id, generation, undefined);
      return undefined;
    }
    const entry = toEntry(this.type, id, found.body, found.etag, found.metadata);
    if (!entry) {
      this.options.logger.warn({ type: this.type.name, id }, 'stored object is not a JSON object; skipped');
      return found.etag;
    }
    this.index.applyIfUnchanged(id, generation, entry);
    return found.etag;
  }
}
