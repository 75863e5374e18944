import type { PipelineExecution } from '@genoa/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';
import { handlers } from './dispatch.js';
import { processMessage } from './engine-runner.js';

/** Stage statuses, task statuses and the execution status: what both modes must agree on. */
const outcome = (e: PipelineExecution) => ({
  status: e.status,
  stages: e.stages.map((s) => [s.refId, s.status, (s.tasks ?? []).map((t) => t.status)]),
});

const hook = { refId: '2', requisiteStageRefIds: ['1'], type: 'webhook', url: 'http://hooks.test/run' };

describe('follow-up messages handled in-process (ORCA_INLINE_MESSAGES)', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['linear', [wait('1'), wait('2', ['1']), wait('3', ['2'])]],
    [
      'fan-out and join',
      [wait('1'), wait('2', ['1'], { waitTime: 5 }), wait('3', ['1']), wait('4', ['2', '3'])],
    ],
    ['a failing branch', [wait('1'), wait('2', ['1'], { waitTime: 'x' }), wait('3', ['1'], { waitTime: 2 })]],
  ])(
    '%s: same outcome and same events as one message per job, in fewer queued messages',
    async (_, stages) => {
      const queued = createHarness({ inlineMessages: 0 });
      const inline = createHarness({ inlineMessages: 32 });
      const ids = [await queued.start({ stages }), await inline.start({ stages })];
      let jobs = 0;
      const pop = inline.queue.pop.bind(inline.queue);
      vi.spyOn(inline.queue, 'pop').mockImplementation(() => {
        const m = pop();
        if (m) jobs += 1;
        return m;
      });
      await queued.run({ advance: true });
      await inline.run({ advance: true });
      const [a, b] = [await queued.get(ids[0]!), await inline.get(ids[1]!)];
      expect(outcome(b)).toEqual(outcome(a));
      expect(inline.handled()).toBe(queued.handled());
      expect(jobs).toBeLessThan(queued.handled() / 2);
      const types = (h: typeof queued, e: PipelineExecution) =>
        h.events
          .map((ev) => `${ev.details.type} ${e.stages.find((s) => s.id === ev.content.stageId)?.refId ?? ''}`)
          .sort();
      expect(types(inline, b)).toEqual(types(queued, a));
    },
  );

  it('events keep the state of their moment, not the end of the chain', async () => {
    const h = createHarness({ inlineMessages: 32 });
    await h.start({ stages: [wait('1'), wait('2', ['1'])] });
    await h.run({ maxSteps: 1 });
    const of = (type: string) => h.events.filter((e) => e.details.type === type);
    const started = of('orca:pipeline:starting')[0]!.content.execution as PipelineExecution;
    expect(started.status).toBe('RUNNING');
    expect(started.stages.map((s) => s.status)).toEqual(['NOT_STARTED', 'NOT_STARTED']);
    expect(of('orca:pipeline:complete')[0]!.content.execution).toMatchObject({ status: 'SUCCEEDED' });
    expect(of('orca:stage:starting').map((e) => e.content.status)).toEqual(['RUNNING', 'RUNNING']);
  });

  it('stops after the budget: the rest goes through the queue', async () => {
    const h = createHarness({ inlineMessages: 3 });
    await h.start({ stages: [wait('1'), wait('2', ['1'])] });
    await h.run({ maxSteps: 1 }); // startExecution, then startStage, startTask, runTask in-process
    expect(h.handled()).toBe(4);
    expect(h.queue.kinds()).toEqual(['completeTask']);
  });

  it('a RUNNING task handled in-process is queued keyed with its back-off', async () => {
    const h = createHarness({ inlineMessages: 32 });
    const id = await h.start({ stages: [wait('1', [], { waitTime: 30 })] });
    await h.run({ maxSteps: 1 });
    expect(h.queue.messages.map((m) => [m.message.kind, m.dueAt - h.clock.t, m.key])).toEqual([
      ['runTask', 30_000, expect.stringMatching(/^runTask-/)],
    ]);
    expect((await h.get(id)).stages[0]!.tasks![0]!.status).toBe('RUNNING');
    await h.run({ advance: true });
    expect((await h.get(id)).status).toBe('SUCCEEDED');
  });

  it('a side-effecting task is never run in-process: it is queued so its attempt is recorded first', async () => {
    const h = createHarness({ inlineMessages: 32 });
    h.http.routes.set('POST http://hooks.test/run', () => ({ status: 200, headers: {}, body: {} }));
    const id = await h.start({ stages: [wait('1'), hook] });
    await h.run({ maxSteps: 1 });
    expect(h.queue.kinds()).toEqual(['runTask']);
    expect(h.http.requests).toHaveLength(0);
    const task = (await h.get(id)).stages[1]!.tasks![0]! as { status: string; attempts?: unknown };
    expect([task.status, task.attempts]).toEqual(['RUNNING', undefined]);
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
    expect(h.http.requests).toHaveLength(1);
  });

  it('a task keyed by stored stage state (pipeline stage: correlation id) runs only after that state is stored', async () => {
    const h = createHarness({ inlineMessages: 32 });
    const child = { refId: '2', requisiteStageRefIds: ['1'], type: 'pipeline', pipeline: 'child-config' };
    const id = await h.start({ stages: [wait('1'), child] });
    await h.run({ maxSteps: 1 });
    expect(h.queue.kinds()).toEqual(['runTask']);
    const stored = (await h.get(id)).stages[1]!;
    expect([stored.status, stored.startTime, stored.tasks![0]!.status]).toEqual([
      'RUNNING',
      expect.any(Number),
      'RUNNING',
    ]);
  });

  it('a failing follow-up fails the delivered message; its retry queues every follow-up', async () => {
    const h = createHarness({ inlineMessages: 32 });
    const original = handlers.completeTask.handle.bind(handlers.completeTask);
    const completeTask = vi
      .spyOn(handlers.completeTask, 'handle')
      .mockRejectedValueOnce(new Error('boom'))
      .mockImplementation(original);
    const id = await h.start({ stages: [wait('1')] });
    const delivered = h.queue.pop()!.message;
    const deliver = (retry: boolean) =>
      processMessage(h.engine.deps, delivered, { retry, retryLater: async () => undefined });
    await expect(deliver(false)).rejects.toThrow('boom');
    expect((await h.get(id)).status).toBe('NOT_STARTED'); // nothing of the chain was stored
    expect([h.queue.kinds(), h.events]).toEqual([[], []]);
    await deliver(true);
    expect(h.queue.kinds()).toEqual(['startStage']);
    expect((await h.get(id)).status).toBe('RUNNING');
    await h.run();
    expect((await h.get(id)).status).toBe('SUCCEEDED');
    expect(completeTask).toHaveBeenCalledTimes(2);
  });
});
