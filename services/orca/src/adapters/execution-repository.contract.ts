import type { PipelineExecution } from '@genoa/shared';
import { expect, it } from 'vitest';
import { buildPipelineExecution } from '../domain/execution-builder.js';
import type { ExecutionRepository } from '../ports.js';

const make = (configId: string, buildTime: number, app = 'app'): PipelineExecution =>
  buildPipelineExecution(
    { application: app, id: configId, stages: [{ type: 'wait', refId: '1' }] },
    {},
    { now: buildTime },
  );

/** The ExecutionRepository contract, run against every adapter (keiko-tck / PipelineDAOSpec style). */
export function describeExecutionRepositoryContract(create: () => Promise<ExecutionRepository>): void {
  it('stores, reads and lists executions newest first with status filters', async () => {
    const repo = await create();
    const a = make('cfg', 1000);
    const b = make('cfg', 2000);
    expect(await repo.create(a)).toBe(true);
    expect(await repo.create(a)).toBe(false);
    await repo.create(b);
    expect((await repo.get(a.id))?.id).toBe(a.id);
    expect(await repo.listByPipelineConfig('cfg')).toEqual([b.id, a.id]);
    expect(await repo.listByApplication('app', 'PIPELINE', { limit: 1 })).toEqual([b.id]);
    const { lock, execution } = await repo.lockAndGet(a.id);
    execution!.status = 'RUNNING';
    await repo.saveAndUnlock(execution!, lock!);
    expect(await repo.listByPipelineConfig('cfg', { statuses: ['RUNNING'] })).toEqual([a.id]);
    expect(await repo.runningForConfig('cfg')).toEqual([a.id]);
  });

  it('fences writes by the lock: a second locker waits, a stale holder cannot write', async () => {
    const repo = await create();
    const e = make('cfg2', 1);
    await repo.create(e);
    const first = await repo.lockAndGet(e.id);
    expect(first.lock).toMatchObject({ executionId: e.id, token: expect.stringMatching(/\S/) });
    expect((await repo.lockAndGet(e.id)).lock).toBeUndefined();
    await repo.unlock(first.lock!);
    const second = await repo.lockAndGet(e.id);
    await expect(repo.saveAndUnlock(first.execution!, first.lock!)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await repo.saveAndUnlock(second.execution!, second.lock!);
  });

  it('dedupes by correlation key and keeps a pending list in order', async () => {
    const repo = await create();
    const a = make('cfg3', 1);
    const b = make('cfg3', 2);
    expect(await repo.create(a, 'corr-1')).toBe(true);
    expect(await repo.create(b, 'corr-1')).toBe(false);
    expect(await repo.findByCorrelation('corr-1')).toBe(a.id);
    await repo.addPending('cfg3', b.id, 2);
    await repo.addPending('cfg3', a.id, 1);
    expect(await repo.pendingList('cfg3')).toEqual([a.id, b.id]);
    await repo.removePending('cfg3', a.id);
    expect(await repo.pendingList('cfg3')).toEqual([b.id]);
  });

  it('retention keeps the newest completed executions per config and never deletes running ones', async () => {
    const repo = await create();
    const all = [1, 2, 3, 4, 5].map((t) => make('cfg4', t * 1000));
    for (const e of all) await repo.create(e);
    for (const e of all.slice(0, 4)) {
      const { lock, execution } = await repo.lockAndGet(e.id);
      Object.assign(execution!, { status: 'SUCCEEDED', endTime: Date.now() });
      await repo.saveAndUnlock(execution!, lock!);
    }
    const running = all[4]!;
    await repo.sweep({ completedBefore: 0, maxPerConfig: 2, batch: 100 });
    const left = await repo.listByPipelineConfig('cfg4');
    expect(left).toContain(running.id);
    expect(left).toHaveLength(2);
    expect(await repo.get(all[0]!.id)).toBeUndefined();
    await repo.sweep({ completedBefore: Date.now() + 1000, maxPerConfig: 100, batch: 100 });
    expect(await repo.listByPipelineConfig('cfg4')).toEqual([running.id]);
  });

  it('reports idle unfinished executions', async () => {
    const repo = await create();
    const e = make('cfg5', 1);
    await repo.create(e);
    expect(await repo.idleSince(Date.now() + 1000, 10)).toContain(e.id);
    await repo.touch(e.id, Date.now() + 5000);
    expect(await repo.idleSince(Date.now() + 1000, 10)).not.toContain(e.id);
  });
}
