import { PipelineExecutionSchema } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';

describe('engine: DAG walk', () => {
  it('runs a linear pipeline to SUCCEEDED with Spinnaker JSON', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1'), wait('2', ['1']), wait('3', ['2'])] });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(e.stages[0]!.tasks![0]).toMatchObject({
      id: '1',
      name: 'wait',
      implementingClass: 'com.netflix.spinnaker.orca.pipeline.tasks.WaitTask',
      stageStart: true,
      stageEnd: true,
    });
    expect(e.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(PipelineExecutionSchema.safeParse(e).success).toBe(true);
    expect(e.stages[1]!.startTime).toBeGreaterThanOrEqual(e.stages[0]!.endTime!);
  });

  it('fans out and joins: the join starts once, after both branches', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [
        wait('1'),
        wait('2', ['1'], { waitTime: 10 }),
        wait('3', ['1'], { waitTime: 5 }),
        wait('4', ['2', '3']),
      ],
    });
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    const [a, b, c, d] = e.stages;
    expect(d!.startTime).toBeGreaterThanOrEqual(Math.max(b!.endTime!, c!.endTime!));
    expect(b!.startTime).toBe(c!.startTime);
    expect(a!.status).toBe('SUCCEEDED');
    expect(
      h.events.filter((ev) => ev.details.type === 'orca:stage:starting' && ev.content.stageId === d!.id),
    ).toHaveLength(1);
  });

  it('waits for waitTime on the fixed clock, then succeeds', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [wait('1', [], { waitTime: 30 })] });
    await h.run();
    expect((await h.get(id)).status).toBe('RUNNING');
    const started = (await h.get(id)).stages[0]!.startTime!;
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.endTime! - started).toBe(30_000);
  });

  it('an unknown stage type fails that stage with a clear message', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [{ refId: '1', type: 'noSuchStage', name: 'x' }] });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('TERMINAL');
    const ex = e.stages[0]!.context.exception as { details: { errors: string[] } };
    expect(ex.details.errors[0]).toMatch(/Unknown stage type "noSuchStage"; known types: .*wait/);
  });

  it('skips a stage whose stageEnabled is false and runs what follows', async () => {
    const h = createHarness();
    const id = await h.start(
      {
        stages: [
          wait('1', [], { stageEnabled: { type: 'expression', expression: "parameters.env == 'prod'" } }),
          wait('2', ['1']),
        ],
      },
      { parameters: { env: 'dev' } },
    );
    await h.run();
    const e = await h.get(id);
    expect(e.stages.map((s) => s.status)).toEqual(['SKIPPED', 'SUCCEEDED']);
    expect(e.status).toBe('SUCCEEDED');
  });

  it('evaluates ${} in stage context at start, with trigger parameters and defaults', async () => {
    const h = createHarness();
    const id = await h.start(
      {
        parameterConfig: [{ name: 'secs', default: '2' }],
        stages: [wait('1', [], { waitTime: '${parameters.secs}', note: 'user ${trigger.user}' })],
      },
      { user: 'alice' },
    );
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.stages[0]!.context).toMatchObject({ waitTime: '2', note: 'user alice' });
    expect(e.stages[0]!.endTime! - e.stages[0]!.startTime!).toBe(2000);
  });
});

describe('engine: failure propagation', () => {
  const failing = (refId: string, requisites: string[], extra: Record<string, unknown> = {}) =>
    wait(refId, requisites, { waitTime: 'not-a-number', ...extra });

  it('TERMINAL by default halts the pipeline; downstream never starts', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [failing('1', []), wait('2', ['1'])] });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('TERMINAL');
    expect(e.stages.map((s) => s.status)).toEqual(['TERMINAL', 'NOT_STARTED']);
  });

  it('stageTimeoutMs fails a stage whose task outlives it (not counting paused time)', async () => {
    const h = createHarness();
    const judgment = { refId: '1', type: 'manualJudgment', name: 'MJ', stageTimeoutMs: 60_000 };
    const id = await h.start({ stages: [judgment, wait('2', ['1'])] });
    await h.run({ advance: true, untilMs: 45_000 });
    expect((await h.get(id)).status).toBe('RUNNING');
    await h.engine.commands.pause(id, 'bob');
    h.clock.advance(60_000); // paused a minute: does not count
    await h.engine.commands.resume(id, 'bob');
    await h.run({ advance: true, untilMs: 10_000 });
    expect((await h.get(id)).stages[0]!.status).toBe('RUNNING');
    await h.run({ advance: true, untilMs: 60_000 });
    const e = await h.get(id);
    expect([e.status, e.stages[0]!.status, e.stages[1]!.status]).toEqual([
      'TERMINAL',
      'TERMINAL',
      'NOT_STARTED',
    ]);
    expect(JSON.stringify(e.stages[0]!.context.exception)).toMatch(/timed out after/);
  });

  it('continuePipeline makes it FAILED_CONTINUE and the pipeline goes on to SUCCEEDED', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [failing('1', [], { continuePipeline: true, failPipeline: false }), wait('2', ['1'])],
    });
    await h.run();
    const e = await h.get(id);
    expect(e.stages.map((s) => s.status)).toEqual(['FAILED_CONTINUE', 'SUCCEEDED']);
    expect(e.status).toBe('SUCCEEDED');
  });

  it('failPipeline=false stops the branch; the other branch finishes; the execution SUCCEEDS', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [
        wait('1'),
        failing('2', ['1'], { failPipeline: false }),
        wait('3', ['1'], { waitTime: 5 }),
        wait('4', ['2', '3']),
      ],
    });
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.stages.map((s) => s.status)).toEqual(['SUCCEEDED', 'STOPPED', 'SUCCEEDED', 'NOT_STARTED']);
    expect(e.status).toBe('SUCCEEDED');
  });

  it('completeOtherBranchesThenFail ends TERMINAL once the other branch completes', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [
        failing('1', [], { failPipeline: false, completeOtherBranchesThenFail: true }),
        wait('2', [], { waitTime: 5 }),
      ],
    });
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.stages.map((s) => s.status)).toEqual(['STOPPED', 'SUCCEEDED']);
    expect(e.status).toBe('TERMINAL');
  });

  it('a TERMINAL branch cancels the still-running parallel branch', async () => {
    const h = createHarness();
    const id = await h.start({ stages: [failing('1', []), wait('2', [], { waitTime: 600 })] });
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.status).toBe('TERMINAL');
    expect(e.stages[1]!.status).toBe('CANCELED');
  });
});
