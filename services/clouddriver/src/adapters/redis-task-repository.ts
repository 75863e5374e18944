import type { Redis } from 'ioredis';
import { isFinished, type KatoTask } from '../domain/task.js';
import type { TaskRepository } from '../ports.js';

/** Key prefix of clouddriver's Redis data; the hash tag keeps it on one Redis Cluster slot. */
export const KEY_PREFIX = '{clouddriver}';

/**
 * Tasks as JSON strings under `{clouddriver}:task:<id>`, a set of running ids, and one lease key
 * per running task that its owner renews; finished tasks expire after the retention period.
 */
export class RedisTaskRepository implements TaskRepository {
  constructor(
    private readonly redis: Redis,
    private readonly retentionSeconds: number,
    private readonly leaseMs: number,
  ) {}

  private key = (id: string) => `${KEY_PREFIX}:task:${id}`;
  private lease = (id: string) => `${KEY_PREFIX}:task-lease:${id}`;
  private runningKey = `${KEY_PREFIX}:tasks:running`;

  async create(task: KatoTask): Promise<void> {
    await this.redis
      .multi()
      .set(this.key(task.id), JSON.stringify(task), 'EX', this.retentionSeconds)
      .sadd(this.runningKey, task.id)
      .set(this.lease(task.id), task.ownerId, 'PX', this.leaseMs)
      .exec();
  }

  async save(task: KatoTask): Promise<void> {
    const tx = this.redis.multi().set(this.key(task.id), JSON.stringify(task), 'EX', this.retentionSeconds);
    if (isFinished(task)) tx.srem(this.runningKey, task.id).del(this.lease(task.id));
    await tx.exec();
  }

  async get(id: string): Promise<KatoTask | undefined> {
    const raw = await this.redis.get(this.key(id));
    return raw ? (JSON.parse(raw) as KatoTask) : undefined;
  }

  async running(): Promise<string[]> {
    return this.redis.smembers(this.runningKey);
  }

  async renewLeases(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = this.redis.multi();
    for (const id of ids) tx.pexpire(this.lease(id), this.leaseMs);
    await tx.exec();
  }

  async hasLease(id: string): Promise<boolean> {
    return (await this.redis.exists(this.lease(id))) === 1;
  }
}
