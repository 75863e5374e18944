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
