import { describe, expect, it } from 'vitest';
import { createHarness, wait } from '../__tests__/harness.js';
import { StageRegistry } from './define-stage.js';
import { stageDefinitions } from './index.js';

describe('stage registry', () => {
  it('knows every stage type of this issue once', () => {
    const registry = new StageRegistry(stageDefinitions);
    expect(registry.types()).toEqual(
      expect.arrayContaining([
        'wait',
        'manualJudgment',
        'checkPreconditions',
        'evaluateVariables',
        'pipeline',
        'webhook',
        'createApplication',
        'updateApplication',
        'upsertApplication',
        'deleteApplication',
        'savePipeline',
        'updatePipeline',
        'deletePipeline',
      ]),
    );
    expect(() => new StageRegistry([...stageDefinitions, stageDefinitions[0]!])).toThrow(
      /duplicate stage type or alias "wait"/,
    );
  });
});

describe('checkPreconditions', () => {
  const stage = (preconditions: unknown[], extra = {}) => ({
    refId: '2',
    requisiteStageRefIds: ['1'],
    type: 'checkPreconditions',
    name: 'check',
    preconditions,
    ...extra,
  });

  it('adds one synthetic stage per precondition and passes when all are true', async () => {
    const h = createHarness();
    const id = await h.start(
      {
        stages: [
          wait('1'),
          stage([
            { type: 'expression', context: { expression: "parameters.env == 'prod'" } },
            { type: 'stageStatus', context: { stageName: 'wait 1', stageStatus: 'SUCCEEDED' } },
          ]),
        ],
      },
      { parameters: { env: 'prod' } },
    );
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    const children = e.stages.filter((s) => s.syntheticStageOwner === 'STAGE_BEFORE');
    expect(children.map((c) => c.name)).toEqual([
      'Check precondition (expression)',
      'Check precondition (stageStatus)',
    ]);
    expect(children.every((c) => c.parentStageId === e.stages.find((s) => s.name === 'check')!.id)).toBe(
      true,
    );
    expect(children[0]!.context.expressionResult).toBe('true');
    expect(e.stages.map((s) => s.name)).toEqual(['wait 1', ...children.map((c) => c.name), 'check']);
  });

  it('fails the pipeline when an expression is false; failPipeline=false stops the branch only', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [wait('1'), stage([{ type: 'expression', context: { expression: '1 == 2' } }])],
    });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('TERMINAL');
    expect(e.stages.find((s) => s.name === 'check')!.status).toBe('TERMINAL');

    const h2 = createHarness();
    const id2 = await h2.start({
      stages: [
        wait('1'),
        stage([{ type: 'expression', failPipeline: false, context: { expression: 'false' } }]),
      ],
    });
    await h2.run();
    const e2 = await h2.get(id2);
    expect(e2.stages.find((s) => s.name === 'check')!.status).toBe('STOPPED');
    expect(e2.status).toBe('SUCCEEDED');
  });

  it('clusterSize without credentials fails with what it needs', async () => {
    const h = createHarness();
    const id = await h.start({
      stages: [wait('1'), stage([{ type: 'clusterSize', context: { cluster: 'x', expected: 1 } }])],
    });
    await h.run();
    const child = (await h.get(id)).stages.find((s) => s.type === 'checkPrecondition')!;
    expect(JSON.stringify(child.context.exception)).toMatch(/clusterSize needs cluster, credentials/);
  });

  it('clusterSize on an orca without clouddriver fails saying so', async () => {
    const h = createHarness();
    const context = { cluster: 'x', credentials: 'local', expected: 1 };
    const id = await h.start({ stages: [wait('1'), stage([{ type: 'clusterSize', context }])] });
    await h.run();
    const child = (await h.get(id)).stages.find((s) => s.type === 'checkPrecondition')!;
    expect(JSON.stringify(child.context.exception)).toMatch(/not connected to clouddriver/);
  });
});

describe('evaluateVariables', () => {
  it('evaluates in order and makes outputs visible downstream', async () => {
    const h = createHarness();
    const id = await h.start(
      {
        stages: [
          {
            refId: '1',
            type: 'evaluateVariables',
            name: 'vars',
            variables: [
              { key: 'a', value: '${parameters.x}' },
              { key: 'b', value: '${a}-suffix' },
            ],
          },
          wait('2', ['1'], { seen: '${b}' }),
        ],
      },
      { parameters: { x: 'val' } },
    );
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.outputs).toEqual({ a: 'val', b: 'val-suffix' });
    expect(e.stages[1]!.context.seen).toBe('val-suffix');
  });
});

describe('execution window', () => {
  it('holds the stage until the window opens (time zone aware)', async () => {
    const h = createHarness(); // 2026-01-07 18:00 UTC = 10:00 in Los Angeles, a Wednesday
    const id = await h.start({
      stages: [
        wait('1', [], {
          restrictExecutionDuringTimeWindow: true,
          restrictedExecutionWindow: { whitelist: [{ startHour: 13, startMin: 0, endHour: 14, endMin: 0 }] },
        }),
      ],
    });
    await h.run();
    let e = await h.get(id);
    const window = e.stages.find((s) => s.type === 'restrictExecutionDuringTimeWindow')!;
    expect(window.status).toBe('RUNNING');
    expect(window.scheduledTime).toBe(Date.UTC(2026, 0, 7, 21, 0, 0));
    await h.run({ advance: true });
    e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages.find((s) => s.type === 'wait')!.startTime).toBeLessThan(Date.UTC(2026, 0, 7, 21, 0, 0));
    expect(e.stages.find((s) => s.type === 'restrictExecutionDuringTimeWindow')!.endTime).toBe(
      Date.UTC(2026, 0, 7, 21, 0, 0),
    );
  });
});

describe('pipeline stage', () => {
  it('runs the child, waits for it and copies its outputs; maps a failed child to TERMINAL', async () => {
    const h = createHarness();
    h.front50.pipelines.set('child', {
      id: 'child',
      application: 'app',
      name: 'child',
      stages: [
        { refId: '1', type: 'evaluateVariables', variables: [{ key: 'version', value: '${parameters.v}' }] },
      ],
    });
    h.front50.pipelines.set('bad', {
      id: 'bad',
      application: 'app',
      name: 'bad',
      stages: [wait('1', [], { waitTime: 'x' })],
    });
    const id = await h.start({
      stages: [
        {
          refId: '1',
          type: 'pipeline',
          name: 'run child',
          application: 'app',
          pipeline: 'child',
          pipelineParameters: { v: '1.2' },
        },
        wait('2', ['1'], { got: '${version}' }),
        { refId: '3', type: 'pipeline', name: 'run bad', application: 'app', pipeline: 'bad' },
      ],
    });
    await h.run({ advance: true });
    const e = await h.get(id);
    const run = e.stages[0]!;
    const child = await h.get(run.context.executionId as string);
    expect(child.trigger).toMatchObject({
      type: 'pipeline',
      parentPipelineStageId: run.id,
      parameters: { v: '1.2' },
    });
    expect((child.trigger as { parentExecution: { id: string } }).parentExecution.id).toBe(id);
    expect(child.status).toBe('SUCCEEDED');
    expect(run.outputs).toMatchObject({ version: '1.2' });
    expect(e.stages[1]!.context.got).toBe('1.2');
    expect(e.stages[2]!.status).toBe('TERMINAL');
    expect(e.status).toBe('TERMINAL');
  });

  it('does not wait when waitForCompletion is false, and never starts the child twice', async () => {
    const h = createHarness();
    h.front50.pipelines.set('child', {
      id: 'child',
      application: 'app',
      name: 'child',
      stages: [wait('1', [], { waitTime: 100 })],
    });
    const id = await h.start({
      stages: [{ refId: '1', type: 'pipeline', pipeline: 'child', waitForCompletion: false }],
    });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.tasks!.map((t) => t.name)).toEqual(['startPipeline']);
    const children = await h.repository.listByPipelineConfig('child');
    expect(children).toHaveLength(1);
  });

  it('canceling the parent cancels the child', async () => {
    const h = createHarness();
    h.front50.pipelines.set('child', {
      id: 'child',
      application: 'app',
      name: 'child',
      stages: [wait('1', [], { waitTime: 100 })],
    });
    const id = await h.start({ stages: [{ refId: '1', type: 'pipeline', pipeline: 'child' }] });
    await h.run();
    await h.engine.commands.cancel(id, 'me');
    await h.run();
    const childId = (await h.get(id)).stages[0]!.context.executionId as string;
    expect((await h.get(childId)).status).toBe('CANCELED');
  });
});
