import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { KubeObject } from '../types.js';

/** A change to a stored object, as delivered to watchers and controllers. */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** Storage key of the resource (`group/resource`). */
  key: string;
  object: KubeObject;
  /** The previous state (MODIFIED and DELETED). */
  old?: KubeObject;
  rv: number;
}

interface History {
  events: StoreEvent[];
  /** Changes at or below this RV are no longer held. */
  compactedRv: number;
}

/** The outcome of asking for history after a resourceVersion. */
export type HistoryResult = { events: StoreEvent[] } | { expired: true; oldest: number };

const id = (ns: string | undefined, name: string): string => `${ns ?? ''}/${name}`;

/**
 * The in-memory object store: objects keyed by resource/namespace/name, one global
 * monotonically increasing resourceVersion, a bounded per-resource event log (watch resume and
 * 410 Gone) and synchronous change listeners. Objects handed out are the stored instances:
 * treat them as read-only and clone before changing.
 */
export class Store {
  private revision = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly sorted = new Map<string, string[]>();
  private readonly histories = new Map<string, History>();
  private readonly listeners = new Set<(e: StoreEvent) => void>();

  constructor(private readonly historyLimit = 5000) {}

  /** The current global resourceVersion. */
  get resourceVersion(): number {
    return this.revision;
  }

  private table(key: string): Map<string, KubeObject> {
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new Map()));
    return t;
  }

  /** One object, or undefined. */
  get(key: string, ns: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(key)?.get(id(ns, name));
  }

  /** Objects of a resource ordered by namespace then name; all namespaces when `ns` is undefined. */
  list(key: string, ns?: string): KubeObject[] {
    const t = this.tables.get(key);
    if (!t) return [];
    let ids = this.sorted.get(key);
    if (!ids) this.sorted.set(key, (ids = [...t.keys()].sort()));
    const out: KubeObject[] = [];
    for (const k of ids) {
      const o = t.get(k)!;
      if (ns === undefined || o.metadata.namespace === ns) out.push(o);
    }
    return out;
  }

  /** Number of objects of a resource. */
  count(key: string): number {
    return this.tables.get(key)?.size ?? 0;
  }

  /** Stores a new object (stamping its resourceVersion); false if the name is taken. */
  create(key: string, obj: KubeObject): boolean {
    const t = this.table(key);
    const k = id(obj.metadata.namespace, obj.metadata.name!);
    if (t.has(k)) return false;
    obj.metadata.resourceVersion = String(++this.revision);
    t.set(k, obj);
    this.sorted.delete(key);
    this.emit({ type: 'ADDED', key, object: obj, rv: this.revision });
    return true;
  }

  /** Replaces an existing object (stamping a new resourceVersion). */
  update(key: string, obj: KubeObject): void {
    const t = this.table(key);
    const k = id(obj.metadata.namespace, obj.metadata.name!);
    const old = t.get(k);
    obj.metadata.resourceVersion = String(++this.revision);
    t.set(k, obj);
    this.emit({ type: 'MODIFIED', key, object: obj, old, rv: this.revision });
  }

  /** Removes an object; the DELETED event carries it with the deletion's resourceVersion. */
  delete(key: string, ns: string | undefined, name: string): KubeObject | undefined {
    const t = this.tables.get(key);
    const old = t?.get(id(ns, name));
    if (!t || !old) return undefined;
    t.delete(id(ns, name));
    this.sorted.delete(key);
    const gone: KubeObject = {
      ...old,
      metadata: { ...old.metadata, resourceVersion: String(++this.revision) },
    };
    this.emit({ type: 'DELETED', key, object: gone, old, rv: this.revision });
    return gone;
  }

  /** Subscribes to every change; returns the unsubscribe function. */
  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: StoreEvent): void {
    let h = this.histories.get(e.key);
    if (!h) this.histories.set(e.key, (h = { events: [], compactedRv: 0 }));
    h.events.push(e);
    if (h.events.length > this.historyLimit * 1.25) {
      const drop = h.events.length - this.historyLimit;
      h.compactedRv = h.events[drop - 1]!.rv;
      h.events.splice(0, drop);
    }
    for (const l of this.listeners) l(e);
  }

  /** Changes to a resource after `rv`, or `expired` when that history was compacted away. */
  since(key: string, rv: number): HistoryResult {
    const h = this.histories.get(key);
    if (!h) return { events: [] };
    if (rv < h.compactedRv) return { expired: true, oldest: h.compactedRv + 1 };
    let lo = 0;
    let hi = h.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h.events[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return { events: h.events.slice(lo) };
  }

  /** Test hook: forget all history up to now (watches from older RVs then get 410 Gone). */
  compact(): void {
    for (const key of new Set([...this.tables.keys(), ...this.histories.keys()])) {
      this.histories.set(key, { events: [], compactedRv: this.revision });
    }
  }

  /** Writes every object and the revision to `file` (atomically). */
  saveSnapshot(file: string): void {
    const tables: Record<string, KubeObject[]> = {};
    for (const [k, t] of this.tables) tables[k] = [...t.values()];
    writeFileSync(`${file}.tmp`, JSON.stringify({ revision: this.revision, tables }));
    renameSync(`${file}.tmp`, file);
  }

  /** Loads a snapshot written by {@link saveSnapshot}, replacing current content (no events). */
  loadSnapshot(file: string): void {
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      revision: number;
      tables: Record<string, KubeObject[]>;
    };
    this.tables.clear();
    this.sorted.clear();
    this.histories.clear();
    for (const [k, objs] of Object.entries(data.tables)) {
      const t = this.table(k);
      for (const o of objs) t.set(id(o.metadata.namespace, o.metadata.name!), o);
    }
    this.revision = data.revision;
    for (const key of this.tables.keys()) this.histories.set(key, { events: [], compactedRv: this.revision });
  }
}
