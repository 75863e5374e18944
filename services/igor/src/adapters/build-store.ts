import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const ACQUIRE = `local v = redis.call('get', KEYS[1])
if v == false then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
if v == ARGV[1] then redis.call('pexpire', KEYS[1], ARGV[2]) return 1 end
return 0`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** How long a "posted" marker is kept: far longer than any build stays in Jenkins' window. */
const POSTED_TTL_SECONDS = 30 * 24 * 3600;

/**
 * igor's Redis state under the `{igor}` hash tag: per master a hash of job → cursor (the timestamp
 * of the last build fully handled), per build a "posted" marker, and per partition a lease.
 */
export class RedisBuildStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = '{igor}',
  ) {}

  private cursorKey = (master: string) => `${this.prefix}:cursors:${master}`;
  private postedKey = (master: string, job: string, n: number) =>
    `${this.prefix}:posted:${master}:${job}:${n}`;
  private lockKey = (name: string) => `${this.prefix}:lock:${name}`;

  /** Every job cursor of a master. */
  async cursors(master: string): Promise<Map<string, number>> {
    const all = await this.redis.hgetall(this.cursorKey(master));
    return new Map(Object.entries(all).map(([job, stamp]) => [job, Number(stamp)]));
  }

  /** Moves a job's cursor. */
  async setCursor(master: string, job: string, stamp: number): Promise<void> {
    await this.redis.hset(this.cursorKey(master), job, String(stamp));
  }

  /** True when the build's event has been sent already. */
  async isPosted(master: string, job: string, n: number): Promise<boolean> {
    return (await this.redis.exists(this.postedKey(master, job, n))) === 1;
  }

  /** Records that the build's event was sent. */
  async markPosted(master: string, job: string, n: number): Promise<void> {
    await this.redis.set(this.postedKey(master, job, n), 'POSTED', 'EX', POSTED_TTL_SECONDS);
  }

  /** Takes the lease `name` for `ttlMs` if nobody else holds it (re-entrant for its owner). */
  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, this.lockKey(name), owner, String(ttlMs))) === 1;
  }

  /** Extends a lease this owner still holds. */
  async extend(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, this.lockKey(name), owner, String(ttlMs))) === 1;
  }

  /** Gives a lease back (only if this owner holds it). */
  async release(name: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.lockKey(name), owner);
  }
}
