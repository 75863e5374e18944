import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';

describe('concurrency limits and pipeline triggers', () => {
  it('limitConcurrent queues the second execution NOT_STARTED until the first completes', async () => {
    const h = createHarness();
    const pipeline = {
      limitConcurrent: true,
      keepWaitingPipelines: true,
      stages: [wait('1', [], { waitTime: 10 })],
    };
    const a = await h.start(pipeline);
    await h.run();
    const b = await h.start(pipeline);
    await h.run();
    expect((await h.get(a)).status).toBe('RUNNING');
    expect((await h.get(b)).status).toBe('NOT_STARTED');
    expect(await h.repository.pendingList('cfg')).toEqual([b]);
    await h.run({ advance: true });
    expect((await h.get(a)).status).toBe('SUCCEEDED');
    expect((await h.get(b)).status).toBe('SUCCEEDED');
    expect((await h.get(b)).startTime).toBeGreaterThanOrEqual((await h.get(a)).endTime!);
  });

  it('without keepWaitingPipelines the newest waiting execution runs and older ones are canceled', async () => {
    const h = createHarness();
    const pipeline = {
      limitConcurrent: true,
      keepWaitingPipelines: false,
      stages: [wait('1', [], { waitTime: 10 })],
    };
    const a = await h.start(pipeline);
    await h.run();
    h.clock.advance(1);
    const b = await h.start(pipeline);
    h.clock.advance(1);
    const c = await h.start(pipeline);
    await h.run();
    await h.run({ advance: true });
    expect((await h.get(a)).status).toBe('SUCCEEDED');
    expect((await h.get(b)).status).toBe('CANCELED');
    expect((await h.get(b)).cancellationReason).toMatch(/newer queued execution/);
    expect((await h.get(c)).status).toBe('SUCCEEDED');
  });

  it('maxConcurrentExecutions applies only when limitConcurrent is false', async () => {
    const h = createHarness();
    const pipeline = {
      limitConcurrent: false,
      maxConcurrentExecutions: 2,
      keepWaitingPipelines: true,
      stages: [wait('1', [], { waitTime: 10 })],
    };
    const ids = [await h.start(pipeline), await h.start(pipeline), await h.start(pipeline)];
    await h.run();
    expect(await Promise.all(ids.map(async (id) => (await h.get(id)).status))).toEqual([
      'RUNNING',
      'RUNNING',
      'NOT_STARTED',
    ]);
    await h.run({ advance: true });
    expect(await Promise.all(ids.map(async (id) => (await h.get(id)).status))).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
  });

  it('a canceled waiting execution is passed over: the next one in line starts', async () => {
    const h = createHarness();
    const pipeline = {
      limitConcurrent: true,
      keepWaitingPipelines: true,
      stages: [wait('1', [], { waitTime: 10 })],
    };
    const a = await h.start(pipeline);
    await h.run();
    h.clock.advance(1);
    const b = await h.start(pipeline);
    h.clock.advance(1);
    const c = await h.start(pipeline);
    await h.run();
    await h.engine.commands.cancel(b, 'bob', 'not this one');
    await h.run();
    expect((await h.get(b)).status).toBe('CANCELED');
    await h.run({ advance: true });
    expect([(await h.get(a)).status, (await h.get(b)).status, (await h.get(c)).status]).toEqual([
      'SUCCEEDED',
      'CANCELED',
      'SUCCEEDED',
    ]);
    expect((await h.get(b)).startTime).toBeUndefined();
    expect(await h.repository.pendingList('cfg')).toEqual([]);
  });

  it('limitConcurrent wins over maxConcurrentExecutions: one at a time, as Orca does', async () => {
    const h = createHarness();
    const pipeline = {
      limitConcurrent: true,
      maxConcurrentExecutions: 3,
      keepWaitingPipelines: true,
      stages: [wait('1', [], { waitTime: 10 })],
    };
    const ids = [await h.start(pipeline), await h.start(pipeline)];
    await h.run();
    expect(await Promise.all(ids.map(async (id) => (await h.get(id)).status))).toEqual([
      'RUNNING',
      'NOT_STARTED',
    ]);
  });

  /** A limited pipeline whose first execution failed and whose second is running (waitTime 10). */
  async function failedThenRunning(keepWaitingPipelines: boolean) {
    const h = createHarness();
    const pipeline = (waitTime: unknown) => ({
      limitConcurrent: true,
      keepWaitingPipelines,
      stages: [wait('1', [], { waitTime })],
    });
    const failed = await h.start(pipeline('x'));
    await h.run();
    expect((await h.get(failed)).status).toBe('TERMINAL');
    const running = await h.start(pipeline(10));
    await h.run();
    expect((await h.get(running)).status).toBe('RUNNING');
    const stageId = (await h.get(failed)).stages[0]!.id;
    return { h, failed, running, stageId, pipeline };
  }

  it('restarting a stage while another execution of a limitConcurrent pipeline runs waits its turn', async () => {
    const { h, failed, running, stageId } = await failedThenRunning(true);
    // fix the config the restarted stage reads, then restart it
    const { lock, execution } = await h.repository.lockAndGet(failed);
    execution!.stages[0]!.context.waitTime = 1;
    await h.repository.saveAndUnlock(execution!, lock!);
    await h.engine.commands.restartStage(failed, stageId, 'alice');
    await h.run();
    expect((await h.get(failed)).status).toBe('TERMINAL');
    expect((await h.get(failed)).stages[0]!.context.restartDetails).toBeUndefined();
    expect(await h.repository.pendingList('cfg')).toHaveLength(1);
    await h.run({ advance: true });
    const restarted = await h.get(failed);
    expect(restarted.status).toBe('SUCCEEDED');
    expect(restarted.stages[0]!.context.restartDetails).toMatchObject({ restartedBy: 'alice' });
    expect(restarted.stages[0]!.startTime).toBeGreaterThanOrEqual((await h.get(running)).endTime!);
    expect(await h.repository.pendingList('cfg')).toEqual([]);
  });

  it('without keepWaitingPipelines a parked restart is dropped when a newer execution waits', async () => {
    const { h, failed, stageId, pipeline } = await failedThenRunning(false);
    await h.engine.commands.restartStage(failed, stageId, 'alice');
    await h.run();
    h.clock.advance(1);
    const newer = await h.start(pipeline(0));
    await h.run();
    expect(await h.repository.pendingList('cfg')).toHaveLength(2);
    await h.run({ advance: true });
    expect((await h.get(newer)).status).toBe('SUCCEEDED');
    const dropped = await h.get(failed);
    expect(dropped.status).toBe('TERMINAL');
    expect(dropped.stages[0]!.context.restartDetails).toBeUndefined();
    expect(dropped.canceled).not.toBe(true);
    expect(await h.repository.pendingList('cfg')).toEqual([]);
  });

  it('a restart is not held back when no other execution of the pipeline runs', async () => {
    const h = createHarness();
    const id = await h.start({ limitConcurrent: true, stages: [wait('1', [], { waitTime: 'x' })] });
    await h.run();
    const { lock, execution } = await h.repository.lockAndGet(id);
    execution!.stages[0]!.context.waitTime = 0;
    await h.repository.saveAndUnlock(execution!, lock!);
    await h.engine.commands.restartStage(id, (await h.get(id)).stages[0]!.id, 'bob');
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });

  it('a pipeline with a pipeline trigger starts when its parent reaches a listed status', async () => {
    const h = createHarness();
    h.front50.pipelines.set('downstream', {
      id: 'downstream',
      application: 'app',
      name: 'downstream',
      triggers: [
        { type: 'pipeline', enabled: true, application: 'app', pipeline: 'cfg', status: ['successful'] },
      ],
      stages: [wait('1')],
    });
    const id = await h.start({ stages: [wait('1')] });
    await h.run();
    const started = await h.repository.listByPipelineConfig('downstream');
    expect(started).toHaveLength(1);
    const child = await h.get(started[0]!);
    expect(child.status).toBe('SUCCEEDED');
    expect(child.trigger).toMatchObject({
      type: 'pipeline',
      parentStatus: 'SUCCEEDED',
      parentPipelineId: 'cfg',
    });
    expect((child.trigger as { parentExecution: { id: string } }).parentExecution.id).toBe(id);
    const failed = await h.start({ stages: [wait('1', [], { waitTime: 'x' })] });
    await h.run();
    expect((await h.get(failed)).status).toBe('TERMINAL');
    expect(await h.repository.listByPipelineConfig('downstream')).toHaveLength(1);
  });
});
