import type { JsonObject } from '../object-types.js';

/** One object as the index holds it: the parsed item plus its stored JSON and S3 identity. */
export interface IndexEntry {
  /** The id as used in the key (lower-cased). */
  id: string;
  item: JsonObject;
  /** The stored JSON, served as-is by list endpoints (no re-serialisation). */
  json: string;
  etag: string;
  /** The Genoa history version this object was written as (absent for Spinnaker-written objects). */
  version?: string;
  partition?: string;
}

/**
 * The in-memory index of one object type: every object by id, plus a secondary index by
 * partition (application). Each id carries a local generation, bumped on every change, so a
 * background read that raced with a local write never overwrites the newer entry.
 */
export class TypeIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly partitions = new Map<string, Map<string, IndexEntry>>();
  private readonly generations = new Map<string, number>();
  private counter = 0;
  /** True once a full load has completed. */
  loaded = false;

  /** The current global generation (a watermark for "changed since"). */
  get generation(): number {
    return this.counter;
  }

  /** The generation of one id's last local change (0 when never changed). */
  generationOf(id: string): number {
    return this.generations.get(id) ?? 0;
  }

  get(id: string): IndexEntry | undefined {
    return this.entries.get(id);
  }

  values(): IndexEntry[] {
    return [...this.entries.values()];
  }

  inPartition(partition: string): IndexEntry[] {
    return [...(this.partitions.get(partition)?.values() ?? [])];
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds or replaces an entry. */
  set(entry: IndexEntry): void {
    this.detach(entry.id);
    this.entries.set(entry.id, entry);
    if (entry.partition !== undefined) {
      let bucket = this.partitions.get(entry.partition);
      if (!bucket) this.partitions.set(entry.partition, (bucket = new Map()));
      bucket.set(entry.id, entry);
    }
    this.generations.set(entry.id, ++this.counter);
  }

  /** Removes an entry (no-op when absent). */
  remove(id: string): void {
    this.detach(id);
    this.generations.set(id, ++this.counter);
  }

  /** Applies `entry` (or removal) only if `id` has not changed locally since `generation`. */
  applyIfUnchanged(id: string, generation: number, entry: IndexEntry | undefined): boolean {
    if (this.generationOf(id) > generation) return false;
    if (entry) this.set(entry);
    else if (this.entries.has(id)) this.remove(id);
    return true;
  }

  private detach(id: string): void {
    const previous = this.entries.get(id);
    if (!previous) return;
    this.entries.delete(id);
    if (previous.partition !== undefined) {
      const bucket = this.partitions.get(previous.partition);
      bucket?.delete(id);
      if (bucket && bucket.size === 0) this.partitions.delete(previous.partition);
    }
  }
}
