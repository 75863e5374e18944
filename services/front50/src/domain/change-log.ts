import { padTs } from './keys.js';

/** The expected ETag recorded for a delete. */
export const DELETED = 'deleted';

/** One change-log entry, decoded from its key (entries have empty bodies; the key says it all). */
export interface ChangeEntry {
  key: string;
  ts: number;
  id: string;
  /** The ETag (MD5 of the body) the object will have once the write lands, or {@link DELETED}. */
  expect: string;
}

/** The key of a change entry: `<prefix><ts>-<rand>~<encoded id>~<expected etag>`. */
export function changeKey(prefix: string, ts: number, rand: string, id: string, expect: string): string {
  return `${prefix}${padTs(ts)}-${rand}~${encodeURIComponent(id).replaceAll('~', '%7E')}~${expect}`;
}

/** Decodes a change-entry key, or undefined for anything else under the prefix. */
export function parseChangeKey(prefix: string, key: string): ChangeEntry | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const match = /^(\d{13})-[0-9a-f]+~([^~]+)~([^~]+)$/.exec(key.slice(prefix.length));
  if (!match) return undefined;
  try {
    return { key, ts: Number(match[1]), id: decodeURIComponent(match[2]!), expect: match[3]! };
  } catch {
    return undefined;
  }
}

/**
 * What a reader knows about the change log: entries already applied (`done`) and entries whose
 * write had not landed when last looked at (`pending`, re-checked until they leave the window).
 */
export class ChangeFollower {
  private readonly done = new Map<string, number>();
  private readonly pending = new Map<string, ChangeEntry>();

  /** Marks an entry as applied (a replica's own writes are applied locally). */
  markDone(entry: ChangeEntry): void {
    this.done.set(entry.key, entry.ts);
    this.pending.delete(entry.key);
  }

  /** Marks an entry as not yet visible in the store. */
  markPending(entry: ChangeEntry): void {
    this.pending.set(entry.key, entry);
  }

  /** Entries of `listed` not yet applied, plus earlier pending ones. */
  outstanding(listed: readonly ChangeEntry[]): ChangeEntry[] {
    const out = new Map<string, ChangeEntry>(this.pending);
    for (const entry of listed) if (!this.done.has(entry.key)) out.set(entry.key, entry);
    return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** Forgets entries older than `ts` (they are outside every future listing window). */
  forgetBefore(ts: number): void {
    for (const [key, entryTs] of this.done) if (entryTs < ts) this.done.delete(key);
    for (const [key, entry] of this.pending) if (entry.ts < ts) this.pending.delete(key);
  }

  /** Number of entries still pending (tests, logs). */
  get pendingCount(): number {
    return this.pending.size;
  }
}
