import { randomUUID } from 'node:crypto';
import { ConflictError, isComplete, type ExecutionType, type PipelineExecution } from '@genoa/shared';
import type { ExecutionLock, ExecutionQuery, ExecutionRepository } from '../ports.js';

/** An in-memory {@link ExecutionRepository} for unit tests (same contract as the Redis one). */
export class MemoryExecutionRepository implements ExecutionRepository {
  private readonly docs = new Map<string, string>();
  private readonly locks = new Map<string, string>();
  private readonly correlations = new Map<string, string>();
  private readonly activity = new Map<string, number>();
  private readonly pending = new Map<string, Map<string, number>>();

  async create(execution: PipelineExecution, correlationKey?: string): Promise<boolean> {
    if (this.docs.has(execution.id)) return false;
    if (correlationKey && this.correlations.has(correlationKey)) return false;
    if (correlationKey) this.correlations.set(correlationKey, execution.id);
    this.write(execution, Date.now());
    return true;
  }
  async get(id: string): Promise<PipelineExecution | undefined> {
    const doc = this.docs.get(id);
    return doc === undefined ? undefined : (JSON.parse(doc) as PipelineExecution);
  }
  async findByCorrelation(key: string): Promise<string | undefined> {
    return this.correlations.get(key);
  }
  async lockAndGet(id: string): Promise<{ lock?: ExecutionLock; execution?: PipelineExecution }> {
    if (this.locks.has(id)) return {};
    const token = randomUUID();
    this.locks.set(id, token);
    return { lock: { executionId: id, token }, execution: await this.get(id) };
  }
  async save(execution: PipelineExecution, lock: ExecutionLock): Promise<void> {
    if (this.locks.get(lock.executionId) !== lock.token)
      throw new ConflictError(`lock on execution ${lock.executionId} was lost`);
    this.write(execution, Date.now());
  }
  async saveAndUnlock(execution: PipelineExecution, lock: ExecutionLock): Promise<void> {
    await this.save(execution, lock);
    this.locks.delete(lock.executionId);
  }
  async extend(lock: ExecutionLock): Promise<boolean> {
    return this.locks.get(lock.executionId) === lock.token;
  }
  async unlock(lock: ExecutionLock): Promise<void> {
    if (this.locks.get(lock.executionId) === lock.token) this.locks.delete(lock.executionId);
  }
  async listByApplication(
    application: string,
    type: ExecutionType,
    query: ExecutionQuery = {},
  ): Promise<string[]> {
    return this.select((e) => e.application === application && e.type === type, query);
  }
  async listByPipelineConfig(configId: string, query: ExecutionQuery = {}): Promise<string[]> {
    return this.select((e) => e.pipelineConfigId === configId, query);
  }
  async getMany(ids: readonly string[]): Promise<PipelineExecution[]> {
    const out: PipelineExecution[] = [];
    for (const id of ids) {
      const e = await this.get(id);
      if (e) out.push(e);
    }
    return out;
  }
  async runningForConfig(configId: string): Promise<string[]> {
    return this.all()
      .filter((e) => e.pipelineConfigId === configId && e.status === 'RUNNING')
      .map((e) => e.id);
  }
  async delete(id: string): Promise<void> {
    this.docs.delete(id);
    this.activity.delete(id);
  }
  async idleSince(before: number, limit: number): Promise<string[]> {
    return [...this.activity.entries()]
      .filter(([, at]) => at < before)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => id);
  }
  async touch(id: string, at: number): Promise<void> {
    if (this.activity.has(id)) this.activity.set(id, at);
  }
  async pendingList(configId: string): Promise<string[]> {
    return [...(this.pending.get(configId)?.entries() ?? [])].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
  async addPending(configId: string, executionId: string, score: number): Promise<void> {
    const list = this.pending.get(configId) ?? new Map<string, number>();
    list.set(executionId, score);
    this.pending.set(configId, list);
  }
  async removePending(configId: string, executionId: string): Promise<void> {
    this.pending.get(configId)?.delete(executionId);
  }
  async sweep(options: { completedBefore: number; maxPerConfig: number }): Promise<number> {
    let removed = 0;
    const groups = new Map<string, PipelineExecution[]>();
    for (const e of this.all()) {
      const key = e.pipelineConfigId ?? `${e.type}:${e.application}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const list of groups.values()) {
      list.sort((a, b) => (b.buildTime ?? 0) - (a.buildTime ?? 0));
      list.forEach((e, i) => {
        if (!isComplete(e.status)) return;
        if (i >= options.maxPerConfig || (e.endTime ?? 0) < options.completedBefore) {
          this.docs.delete(e.id);
          removed += 1;
        }
      });
    }
    return removed;
  }

  private write(execution: PipelineExecution, now: number): void {
    this.docs.set(execution.id, JSON.stringify(execution));
    if (isComplete(execution.status)) this.activity.delete(execution.id);
    else this.activity.set(execution.id, now);
  }
  private all(): PipelineExecution[] {
    return [...this.docs.values()].map((d) => JSON.parse(d) as PipelineExecution);
  }
  private select(filter: (e: PipelineExecution) => boolean, query: ExecutionQuery): string[] {
    return this.all()
      .filter(filter)
      .filter((e) => !query.statuses?.length || query.statuses.includes(e.status))
      .sort((a, b) => (b.buildTime ?? 0) - (a.buildTime ?? 0) || (a.id < b.id ? 1 : -1))
      .slice(0, query.limit ?? Infinity)
      .map((e) => e.id);
  }
}
