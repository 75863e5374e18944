import { randomUUID } from 'node:crypto';
import { ConflictError, isComplete, type ExecutionType, type PipelineExecution } from '@genoa/shared';
import type { Redis } from 'ioredis';
import type { ExecutionLock, ExecutionQuery, ExecutionRepository } from '../ports.js';
import {
  DELETE_SCRIPT,
  EXTEND_SCRIPT,
  LOCK_GET_SCRIPT,
  SAVE_SCRIPT,
  UNLOCK_SCRIPT,
} from './redis-scripts.js';

type Scripted = Redis & {
  orcaSave(...args: (string | number)[]): Promise<number>;
  orcaLockGet(...args: (string | number)[]): Promise<[number, string?]>;
  orcaUnlock(...args: (string | number)[]): Promise<number>;
  orcaDelete(...args: (string | number)[]): Promise<number>;
  orcaExtend(...args: (string | number)[]): Promise<number>;
};

/** Options for {@link RedisExecutionRepository}. */
export interface RedisExecutionRepositoryOptions {
  /** Key prefix; carries the `{orca}` hash tag. */
  prefix?: string;
  /** How long a handler may hold an execution's lock. */
  lockTtlMs?: number;
}

/**
 * Executions in Redis: one JSON document per execution, sorted-set indexes per application and
 * per pipeline config, a running set per config (concurrency limits), an activity index of
 * unfinished executions (reconciler) and a completion index (retention). Writes happen under a
 * per-execution lock and are fenced by its token inside one Lua script.
 */
export class RedisExecutionRepository implements ExecutionRepository {
  private readonly redis: Scripted;
  private readonly p: string;
  private readonly lockTtlMs: number;

  constructor(redis: Redis, options: RedisExecutionRepositoryOptions = {}) {
    this.p = options.prefix ?? '{orca}';
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
    redis.defineCommand('orcaSave', { numberOfKeys: 11, lua: SAVE_SCRIPT });
    redis.defineCommand('orcaLockGet', { numberOfKeys: 2, lua: LOCK_GET_SCRIPT });
    redis.defineCommand('orcaUnlock', { numberOfKeys: 1, lua: UNLOCK_SCRIPT });
    redis.defineCommand('orcaDelete', { numberOfKeys: 5, lua: DELETE_SCRIPT });
    redis.defineCommand('orcaExtend', { numberOfKeys: 1, lua: EXTEND_SCRIPT });
    this.redis = redis as Scripted;
  }

  private key = (...parts: string[]) => [this.p, ...parts].join(':');

  private groupKey(e: PipelineExecution): string {
    return e.pipelineConfigId
      ? this.key('config', e.pipelineConfigId)
      : this.key('app', e.application, e.type);
  }

  private async write(
    e: PipelineExecution,
    mode: 'create' | 'save' | 'saveUnlock',
    token = '',
    correlation = '',
  ): Promise<number> {
    const now = Date.now();
    const configId = e.pipelineConfigId ?? '';
    const meta = JSON.stringify({ application: e.application, type: e.type, configId, correlation });
    return this.redis.orcaSave(
      this.key('exec', e.id),
      this.key('lock', e.id),
      this.key('meta'),
      this.key('app', e.application, e.type),
      this.key('config', configId),
      this.key('running', configId),
      this.key('active'),
      this.key('completed'),
      this.key('status'),
      this.key('groups'),
      correlation ? this.key('corr', correlation) : this.key('exec', e.id),
      e.id,
      JSON.stringify(e),
      token,
      e.buildTime ?? now,
      e.status,
      isComplete(e.status) ? '1' : '0',
      now,
      e.endTime ?? now,
      configId,
      this.groupKey(e),
      mode,
      meta,
    );
  }

  async create(execution: PipelineExecution, correlationKey?: string): Promise<boolean> {
    return (await this.write(execution, 'create', '', correlationKey ?? '')) === 1;
  }
  async get(id: string): Promise<PipelineExecution | undefined> {
    const doc = await this.redis.get(this.key('exec', id));
    return doc == null ? undefined : (JSON.parse(doc) as PipelineExecution);
  }
  async findByCorrelation(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('corr', key))) ?? undefined;
  }
  async lockAndGet(id: string, waitMs = 0): Promise<{ lock?: ExecutionLock; execution?: PipelineExecution }> {
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [ok, doc] = await this.redis.orcaLockGet(
        this.key('lock', id),
        this.key('exec', id),
        token,
        this.lockTtlMs,
      );
      if (ok === 1)
        return {
          lock: { executionId: id, token },
          execution: doc ? (JSON.parse(doc) as PipelineExecution) : undefined,
        };
      if (Date.now() >= deadline) return {};
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
    }
  }
  async save(execution: PipelineExecution, lock: ExecutionLock): Promise<void> {
    if ((await this.write(execution, 'save', lock.token)) !== 1)
      throw new ConflictError(`lock on execution ${execution.id} was lost before the write`);
  }
  async saveAndUnlock(execution: PipelineExecution, lock: ExecutionLock): Promise<void> {
    if ((await this.write(execution, 'saveUnlock', lock.token)) !== 1)
      throw new ConflictError(`lock on execution ${execution.id} was lost before the write`);
  }
  async extend(lock: ExecutionLock): Promise<boolean> {
    return (
      (await this.redis.orcaExtend(this.key('lock', lock.executionId), lock.token, this.lockTtlMs)) === 1
    );
  }
  async unlock(lock: ExecutionLock): Promise<void> {
    await this.redis.orcaUnlock(this.key('lock', lock.executionId), lock.token);
  }
  async listByApplication(
    application: string,
    type: ExecutionType,
    query: ExecutionQuery = {},
  ): Promise<string[]> {
    return this.select(this.key('app', application, type), query);
  }
  async listByPipelineConfig(configId: string, query: ExecutionQuery = {}): Promise<string[]> {
    return this.select(this.key('config', configId), query);
  }
  /** Newest-first ids of an index, filtered by status, paging until `limit` match. */
  private async select(index: string, query: ExecutionQuery): Promise<string[]> {
    const limit = query.limit ?? Infinity;
    const statuses = query.statuses?.length ? new Set(query.statuses) : undefined;
    const out: string[] = [];
    const page = 200;
    for (let start = 0; out.length < limit; start += page) {
      const ids = await this.redis.zrevrange(index, start, start + page - 1);
      if (ids.length === 0) break;
      const st = statuses ? await this.redis.hmget(this.key('status'), ...ids) : [];
      ids.forEach((id, i) => {
        if (out.length < limit && (!statuses || statuses.has(st[i] ?? ''))) out.push(id);
      });
      if (ids.length < page) break;
    }
    return out;
  }
  async getMany(ids: readonly string[]): Promise<PipelineExecution[]> {
    if (ids.length === 0) return [];
    const docs = await this.redis.mget(...ids.map((id) => this.key('exec', id)));
    return docs.filter((d): d is string => d != null).map((d) => JSON.parse(d) as PipelineExecution);
  }
  async runningForConfig(configId: string): Promise<string[]> {
    return this.redis.smembers(this.key('running', configId));
  }
  async delete(id: string): Promise<void> {
    await this.redis.orcaDelete(
      this.key('exec', id),
      this.key('meta'),
      this.key('status'),
      this.key('active'),
      this.key('completed'),
      id,
      this.p,
    );
  }
  async idleSince(before: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.key('active'), '-inf', `(${before}`, 'LIMIT', '0', String(limit));
  }
  async touch(id: string, at: number): Promise<void> {
    await this.redis.zadd(this.key('active'), 'XX', at, id);
  }
  async pendingList(configId: string): Promise<string[]> {
    return this.redis.zrange(this.key('pending', configId), '0', '-1');
  }
  async addPending(configId: string, executionId: string, score: number): Promise<void> {
    await this.redis.zadd(this.key('pending', configId), score, executionId);
  }
  async removePending(configId: string, executionId: string): Promise<void> {
    await this.redis.zrem(this.key('pending', configId), executionId);
  }
  async sweep(options: { completedBefore: number; maxPerConfig: number; batch: number }): Promise<number> {
    let removed = 0;
    const old = await this.redis.zrangebyscore(
      this.key('completed'),
      '-inf',
      `(${options.completedBefore}`,
      'LIMIT',
      '0',
      String(options.batch),
    );
    for (const id of old) {
      await this.delete(id);
      removed += 1;
    }
    let cursor = '0';
    do {
      const [next, groups] = await this.redis.sscan(this.key('groups'), cursor, 'COUNT', 100);
      cursor = next;
      for (const group of groups) {
        const count = await this.redis.zcard(group);
        if (count === 0) await this.redis.srem(this.key('groups'), group);
        if (count <= options.maxPerConfig) continue;
        const candidates = await this.redis.zrange(group, '0', String(count - options.maxPerConfig - 1));
        const statuses = await this.redis.hmget(this.key('status'), ...candidates);
        for (const [i, id] of candidates.entries()) {
          const status = statuses[i];
          if (status == null || isComplete(status as never)) {
            if (status == null) await this.redis.zrem(group, id);
            else await this.delete(id);
            removed += 1;
          }
        }
      }
    } while (cursor !== '0');
    return removed;
  }
}
