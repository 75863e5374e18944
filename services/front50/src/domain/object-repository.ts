import { createHash, randomBytes } from 'node:crypto';
import { InvalidEntityError, mapLimit, ServiceUnavailableError } from '@genoa/shared';
import type { JsonObject, ObjectType } from '../object-types.js';
import { changeKey, DELETED, parseChangeKey } from './change-log.js';
import { Coalescer, KeyedMutex } from './concurrency.js';
import { Housekeeper } from './housekeeper.js';
import { invertTs, padTs } from './keys.js';
import type { RepositoryOptions } from './repository-options.js';
import { TypeIndex, type IndexEntry } from './type-index.js';
import { toEntry, TypeSync } from './type-sync.js';

const rand = (): string => randomBytes(4).toString('hex');
const md5 = (body: string): string => createHash('md5').update(body).digest('hex');

/** Who writes and what the object looked like before (for server-set fields such as `createTs`). */
export interface WriteContext {
  user: string;
  previous?: JsonObject;
}

/**
 * The one generic storage layer, parameterised by an {@link ObjectType}. Reads are served from
 * an in-memory index kept current by the change log (one small LIST per read); writes go
 * history → change entry → object → `last-modified.json`, so a crash at any point leaves a
 * state readers recover from by themselves (see README "Consistency and history").
 */
export class ObjectRepository {
  readonly index = new TypeIndex();
  private readonly syncer: TypeSync;
  private readonly coalescer: Coalescer;
  private readonly locks = new KeyedMutex();
  private lastChangeLogPrune = 0;
  private lastVersionTs = 0;
  private snapshotGeneration = -1;
  private snapshotAt = 0;
  private cachedArray: { generation: number; body: Buffer } | undefined;
  private readonly housekeeper = new Housekeeper(100, (ids, ts) => this.afterWrites(ids, ts));

  constructor(
    readonly type: ObjectType,
    private readonly options: RepositoryOptions,
  ) {
    this.syncer = new TypeSync(type, this.index, options);
    this.coalescer = new Coalescer(() => this.syncer.sync());
  }

  /** Makes the index current with the bucket (coalesced: concurrent callers share one run). */
  sync(): Promise<void> {
    return this.coalescer.run();
  }

  /** A full reconcile against a listing (the periodic safety net); returns how many objects it re-read. */
  reconcile(): Promise<number> {
    return this.syncer.reconcile();
  }

  /**
   * Cold start. With a snapshot synced recently enough that the change log still covers the time
   * since, the snapshot plus a replay of the change log (one GET, one LIST, one GET per changed
   * object); otherwise the snapshot (if any) plus a listing that re-reads objects whose ETag
   * differs; with neither, every object once. Writes by other tools are caught by the periodic
   * reconcile.
   */
  async warm(): Promise<{ fromSnapshot: number; mode: 'replay' | 'listing' }> {
    const snapshot = await this.syncer.loadSnapshot();
    const age = this.options.clock.now() - (snapshot?.syncedAt ?? 0);
    if (snapshot && age < this.options.changeLogRetentionMs / 2) {
      this.syncer.resumeFrom(snapshot.syncedAt);
      await this.syncer.sync();
      this.snapshotAt = snapshot.syncedAt;
      return { fromSnapshot: snapshot.objects, mode: 'replay' };
    }
    await this.syncer.reconcile();
    return { fromSnapshot: snapshot?.objects ?? 0, mode: 'listing' };
  }

  /**
   * Writes an index snapshot when the index changed since the last one, or when the last one is
   * old enough to leave the change log's window; true when written.
   */
  async snapshotIfChanged(): Promise<boolean> {
    if (!this.index.loaded) return false;
    const now = this.options.clock.now();
    const fresh = now - this.snapshotAt < this.options.changeLogRetentionMs / 4;
    if (this.index.generation === this.snapshotGeneration && fresh) return false;
    await this.sync();
    const generation = this.index.generation;
    await this.syncer.writeSnapshot();
    this.snapshotGeneration = generation;
    this.snapshotAt = now;
    return true;
  }

  /** All stored JSON documents as one UTF-8 JSON array, built once per index change. */
  async allAsJsonArray(): Promise<Buffer> {
    await this.sync();
    if (this.cachedArray?.generation !== this.index.generation) {
      const body = Buffer.from(
        `[${this.index
          .values()
          .map((e) => e.json)
          .join(',')}]`,
        'utf8',
      );
      this.cachedArray = { generation: this.index.generation, body };
    }
    return this.cachedArray.body;
  }

  /** Resolves once the housekeeping of earlier writes (marker, pruning) has finished. */
  settled(): Promise<void> {
    return this.housekeeper.settled();
  }

  /** Every object, current as of this call. */
  async all(): Promise<IndexEntry[]> {
    await this.sync();
    return this.index.values();
  }

  /** The objects of one partition (an application, case-insensitive). */
  async inPartition(partition: string): Promise<IndexEntry[]> {
    await this.sync();
    return this.index.inPartition(partition.toLowerCase());
  }

  /** One object by id (case-insensitive), current as of this call. */
  async find(id: string): Promise<IndexEntry | undefined> {
    await this.sync();
    return this.index.get(id.toLowerCase());
  }

  /** One object read straight from the store (Spinnaker's `findById`), refreshing the index. */
  async read(id: string): Promise<IndexEntry | undefined> {
    await this.syncer.refresh(id.toLowerCase());
    return this.index.get(id.toLowerCase());
  }

  /** Runs `fn` while holding this replica's write lock for `key` (an id or a partition). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(key.toLowerCase(), fn);
  }

  /** Stores `item` (server-set fields stamped) and returns what was stored. */
  async put(item: JsonObject, context: WriteContext): Promise<JsonObject> {
    const { store, layout, clock, changeLookbackMs } = this.options;
    const rawId = this.type.idOf(item);
    if (!rawId) throw new InvalidEntityError(`${this.type.label} has no id`);
    const id = rawId.toLowerCase();
    const now = clock.now();
    const stamped = this.type.stamp(item, { now, user: context.user, previous: context.previous });
    const body = JSON.stringify(stamped);
    // Version keys strictly increase within a replica, so same-millisecond writes keep their order.
    this.lastVersionTs = Math.max(now, this.lastVersionTs + 1);
    const version = `${invertTs(this.lastVersionTs)}-${rand()}`;
    // 1. the immutable version (invisible until an object names it) and the intent naming the
    //    ETag the object will have (readers re-check it until it lands), in parallel.
    const entryKey = changeKey(layout.changePrefix(this.type), now, rand(), id, md5(body));
    this.syncer.follower.markDone(parseChangeKey(layout.changePrefix(this.type), entryKey)!);
    await Promise.all([
      store.put(`${layout.historyPrefix(this.type, id)}${version}.json`, body),
      store.put(entryKey, ''),
    ]);
    if (clock.now() - now > changeLookbackMs / 2) {
      throw new ServiceUnavailableError(
        `S3 is too slow: the ${this.type.label.toLowerCase()} ${rawId} was not saved (write abandoned before commit)`,
      );
    }
    // 2. the commit point: the current object, tagged with its version.
    const { etag } = await store.put(layout.objectKey(this.type, id), body, { 'genoa-version': version });
    this.index.set(toEntry(this.type, id, body, etag, { 'genoa-version': version })!);
    // 3. Spinnaker's marker and housekeeping, after the reply: the write is already committed.
    this.housekeeper.note(id, now);
    return stamped;
  }

  /** Deletes an object; true when it existed. */
  async remove(id: string): Promise<boolean> {
    const { store, layout, clock } = this.options;
    const key = id.toLowerCase();
    const existed = (await store.get(layout.objectKey(this.type, key))) !== undefined;
    const now = clock.now();
    const entryKey = changeKey(layout.changePrefix(this.type), now, rand(), key, DELETED);
    this.syncer.follower.markDone(parseChangeKey(layout.changePrefix(this.type), entryKey)!);
    await store.put(entryKey, '');
    await store.delete(layout.objectKey(this.type, key));
    this.index.remove(key);
    this.housekeeper.note(undefined, now);
    return existed;
  }

  /**
   * Retained versions, newest first, starting at the current one; versions written by a write
   * that never committed (newer than the current object's version) are skipped. Undefined when
   * the object does not exist.
   */
  async history(id: string, limit: number): Promise<JsonObject[] | undefined> {
    const { store, layout } = this.options;
    const key = id.toLowerCase();
    const current = await store.get(layout.objectKey(this.type, key));
    if (!current) return undefined;
    const prefix = layout.historyPrefix(this.type, key);
    const version = current.metadata['genoa-version'];
    const keys = await store.list(prefix, {
      limit: version ? limit : Math.max(0, limit - 1),
      ...(version ? { startAfter: `${prefix}${version}` } : {}),
    });
    const bodies = await mapLimit(keys, 8, async ({ key: k }) => (await store.get(k))?.body);
    const versions = (version ? [] : [current.body]).concat(bodies.filter((b): b is string => !!b));
    return versions.map((b) => JSON.parse(b) as JsonObject).slice(0, limit);
  }

  private async afterWrites(ids: string[], now: number): Promise<void> {
    const { store, layout, logger } = this.options;
    const pruneLog = now - this.lastChangeLogPrune > 60_000;
    if (pruneLog) this.lastChangeLogPrune = now;
    const tasks = [
      store.put(layout.lastModifiedKey(this.type), JSON.stringify({ lastModified: now })),
      mapLimit(ids, 4, (id) => this.pruneHistory(id)),
      pruneLog ? this.pruneChangeLog(now) : undefined,
    ];
    const results = await Promise.allSettled(tasks);
    for (const result of results) {
      if (result.status === 'rejected') {
        logger.warn(
          { err: result.reason, type: this.type.name, ids: ids.length },
          'post-write housekeeping failed; write is committed',
        );
      }
    }
  }

  private async pruneHistory(id: string): Promise<void> {
    const { store, layout, historyMaxVersions } = this.options;
    const keys = await store.list(layout.historyPrefix(this.type, id));
    if (keys.length > historyMaxVersions) {
      await store.deleteMany(keys.slice(historyMaxVersions).map((k) => k.key));
    }
  }

  private async pruneChangeLog(now: number): Promise<void> {
    const { store, layout, changeLogRetentionMs } = this.options;
    const prefix = layout.changePrefix(this.type);
    const cutoff = `${prefix}${padTs(now - changeLogRetentionMs)}`;
    const keys = await store.list(prefix, { limit: 5000 });
    const old = keys.filter((k) => k.key < cutoff).map((k) => k.key);
    if (old.length > 0) await store.deleteMany(old);
  }
}
