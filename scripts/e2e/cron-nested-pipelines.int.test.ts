/**
 * Scenario 3 (issue #12): a cron pipeline runs nested pipelines in parallel and one branch fails
 * with `failPipeline: false` — through gate only, against the whole local stack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, eventually, savePipeline, startSuite, type Suite, type Json } from './suite.js';

const APP = 'nightly';
let suite: Suite;

beforeAll(async () => {
  // echo re-reads pipelines every 2 s, so the cron trigger is scheduled soon after the save.
  suite = await startSuite({ ECHO_PIPELINE_CACHE_REFRESH_MS: '1000' });
}, 180_000);
afterAll(async () => {
  await suite?.stop();
}, 60_000);

interface Stage {
  id: string;
  refId: string;
  name: string;
  type: string;
  status: string;
  startTime?: number;
  endTime?: number;
  context: Record<string, unknown>;
}
interface Execution {
  id: string;
  name: string;
  status: string;
  pipelineConfigId: string;
  trigger: Json;
  stages: Stage[];
}

describe('scenario 3: a cron pipeline fans out to nested pipelines', () => {
  it('runs both children in parallel; the failing branch is FAILED_CONTINUE, the parent SUCCEEDS', async () => {
    // Given an application with a child that succeeds, a child that fails, and a parent that runs
    // both in parallel on a cron schedule, ignoring the failing branch's failure.
    await createApplication(suite, APP);
    const ok = await savePipeline(suite, {
      application: APP,
      name: 'child-ok',
      stages: [{ refId: '1', type: 'wait', name: 'Work', waitTime: 2 }],
    });
    const failing = await savePipeline(suite, {
      application: APP,
      name: 'child-failing',
      stages: [
        {
          refId: '1',
          type: 'checkPreconditions',
          name: 'Gate',
          preconditions: [{ type: 'expression', context: { expression: 'false' }, failPipeline: true }],
        },
      ],
    });
    const parent = await savePipeline(suite, {
      application: APP,
      name: 'fan-out',
      limitConcurrent: true,
      triggers: [{ type: 'cron', id: 'every-5s', enabled: true, cronExpression: '0/5 * * * * ?' }],
      stages: [
        { refId: '1', type: 'pipeline', name: 'Run ok', application: APP, pipeline: ok.id },
        {
          refId: '2',
          type: 'pipeline',
          name: 'Run failing',
          application: APP,
          pipeline: failing.id,
          failPipeline: false,
          continuePipeline: true,
        },
        { refId: '3', requisiteStageRefIds: ['1', '2'], type: 'wait', name: 'After both', waitTime: 0 },
      ],
    });

    // When the schedule fires (no one starts it by hand).
    const list = () =>
      suite.call('GET', `/applications/${APP}/pipelines?limit=20`).then((r) => r.body as Execution[]);
    const runs = await eventually(
      list,
      (l) => l.some((e) => e.pipelineConfigId === parent.id && e.status === 'SUCCEEDED'),
      90_000,
    );
    const first = runs
      .filter((e) => e.pipelineConfigId === parent.id && e.status === 'SUCCEEDED')
      .sort((a, b) => (a.stages[0]?.startTime ?? 0) - (b.stages[0]?.startTime ?? 0))[0];
    expect(first, suite.output()).toBeDefined();
    const execution = (await suite.call('GET', `/pipelines/${first!.id}`)).body as Execution;

    // Then the parent was started by cron, and SUCCEEDED although one branch failed.
    // (A new pipeline's cron trigger gets a fresh id when saved, as orca's SavePipelineTask does.)
    const cron = (parent.triggers as { id: string }[])[0]!;
    expect(execution.trigger).toMatchObject({ type: 'cron', id: cron.id, cronExpression: '0/5 * * * * ?' });
    expect(execution.status).toBe('SUCCEEDED');
    const stage = (name: string) => execution.stages.find((s) => s.name === name)!;
    expect(stage('Run ok').status).toBe('SUCCEEDED');
    expect(stage('Run failing').status).toBe('FAILED_CONTINUE');
    expect(stage('After both').status).toBe('SUCCEEDED');
    // The two branches ran at the same time: each started before the other ended.
    expect(stage('Run ok').startTime!).toBeLessThan(stage('Run failing').endTime!);
    expect(stage('Run failing').startTime!).toBeLessThan(stage('Run ok').endTime!);
    expect(stage('After both').startTime!).toBeGreaterThanOrEqual(
      Math.max(stage('Run ok').endTime!, stage('Run failing').endTime!),
    );

    // And each branch's child execution is a real execution, triggered by its parent.
    const child = async (name: string) => {
      const id = stage(name).context.executionId as string;
      expect(id, `${name} has no child executionId`).toEqual(expect.any(String));
      return (await suite.call('GET', `/pipelines/${id}`)).body as Execution;
    };
    const okChild = await child('Run ok');
    const failedChild = await child('Run failing');
    expect(okChild).toMatchObject({ status: 'SUCCEEDED', pipelineConfigId: ok.id, name: 'child-ok' });
    expect(failedChild).toMatchObject({
      status: 'TERMINAL',
      pipelineConfigId: failing.id,
      name: 'child-failing',
    });
    for (const c of [okChild, failedChild])
      expect(c.trigger).toMatchObject({
        type: 'pipeline',
        parentExecution: expect.objectContaining({ id: execution.id }),
        parentPipelineStageId: expect.any(String),
      });
    expect(stage('Run failing').context.status).toBe('TERMINAL');
    const failedStage = failedChild.stages.find((s) => s.type === 'checkPreconditions')!;
    expect(failedStage.status).toBe('TERMINAL');
  }, 150_000);
});
