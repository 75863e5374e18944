import type { PipelineExecution, StageExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import type { Igor, TaskServices } from '../ports.js';
import type { TaskDefinition } from '../tasks/define-task.js';
import { getBuildPropertiesTask } from '../tasks/jenkins/get-build-properties-task.js';
import { jenkinsParameters } from '../tasks/jenkins/jenkins-support.js';
import { monitorJenkinsJobTask } from '../tasks/jenkins/monitor-jenkins-job-task.js';
import { monitorQueuedJenkinsJobTask } from '../tasks/jenkins/monitor-queued-jenkins-job-task.js';
import { startJenkinsJobTask } from '../tasks/jenkins/start-jenkins-job-task.js';
import { jenkinsStage } from './jenkins.js';

const NOW = Date.UTC(2026, 0, 7, 18, 0, 0);

/** A scripted igor that records its calls. */
function fakeIgor(script: Partial<Igor> = {}): Igor & { calls: string[] } {
  const calls: string[] = [];
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A) => (calls.push(`${name} ${JSON.stringify(args)}`), fn(...args));
  const never = () => Promise.reject(new Error('not scripted'));
  return {
    calls,
    build: record('build', script.build ?? never),
    queuedBuildNumber: record('queuedBuildNumber', script.queuedBuildNumber ?? never),
    buildStatus: record('buildStatus', script.buildStatus ?? never),
    properties: record('properties', script.properties ?? never),
    stop: record('stop', script.stop ?? (async () => {})),
  };
}

const stageWith = (context: Record<string, unknown>, startTime = NOW - 5_000): StageExecution =>
  ({
    id: 's1',
    refId: '1',
    type: 'jenkins',
    name: 'Build',
    status: 'RUNNING',
    startTime,
    context: { master: 'ci', job: 'team/job/app', ...context },
    outputs: {},
    tasks: [],
    requisiteStageRefIds: [],
  }) as StageExecution;
const execution = { id: 'e1', application: 'shop', stages: [] } as unknown as PipelineExecution;

async function run(task: TaskDefinition, context: Record<string, unknown>, igor: Igor, taskAgeMs = 0) {
  const stage = stageWith(context);
  const input = {
    execution,
    stage,
    task: { id: '1', name: 't', status: 'RUNNING' as const, startTime: NOW - taskAgeMs },
    now: NOW,
  };
  return task.run(input, { igor } as unknown as TaskServices);
}

describe('jenkins stage', () => {
  it('plans start + wait for the build, then monitor + properties unless waitForCompletion is false', () => {
    const names = (c: Record<string, unknown>) =>
      jenkinsStage.tasks(stageWith(c), execution).map((t) => t.name);
    expect(names({})).toEqual([
      'startJenkinsJob',
      'waitForJenkinsJobStart',
      'monitorJenkinsJob',
      'getBuildProperties',
    ]);
    expect(names({ waitForCompletion: 'false' })).toEqual(['startJenkinsJob', 'waitForJenkinsJobStart']);
  });

  it('passes parameters as strings, the execution id and the stage start time (igor dedupes on them)', async () => {
    const igor = fakeIgor({ build: async () => ({ queuedBuild: '42' }) });
    const result = await run(startJenkinsJobTask, { parameters: { A: 1, B: ['x', 'y'], C: null } }, igor);
    expect(result).toMatchObject({ status: 'SUCCEEDED', context: { queuedBuild: '42' } });
    expect(igor.calls).toEqual([
      `build ${JSON.stringify(['ci', 'team/job/app', { A: '1', B: 'x,y' }, { executionId: 'e1', startTime: String(NOW - 5_000) }])}`,
    ]);
    expect(jenkinsParameters({ m: { k: 1 }, t: true })).toEqual({ m: '{"k":1}', t: 'true' });
  });

  it('start: a duplicate still in flight at igor keeps waiting; a recorded queue item is not started again', async () => {
    const pending = fakeIgor({ build: async () => ({ pending: true }) });
    expect(await run(startJenkinsJobTask, {}, pending)).toMatchObject({ status: 'RUNNING' });
    const done = fakeIgor();
    expect(await run(startJenkinsJobTask, { queuedBuild: '7' }, done)).toMatchObject({ status: 'SUCCEEDED' });
    expect(done.calls).toEqual([]);
    expect(await run(startJenkinsJobTask, { job: '' }, done)).toMatchObject({ status: 'TERMINAL' });
  });

  it('waits for the queue item to become a build', async () => {
    const jenkins: { build?: number } = {};
    const igor = fakeIgor({ queuedBuildNumber: async () => jenkins.build });
    expect(await run(monitorQueuedJenkinsJobTask, { queuedBuild: '7' }, igor)).toMatchObject({
      status: 'RUNNING',
    });
    jenkins.build = 12;
    expect(await run(monitorQueuedJenkinsJobTask, { queuedBuild: '7' }, igor)).toMatchObject({
      status: 'SUCCEEDED',
      context: { buildNumber: 12 },
    });
  });

  it.each([
    [{ building: true, result: 'BUILDING' }, {}, 'RUNNING'],
    [{ building: false, result: 'SUCCESS' }, {}, 'SUCCEEDED'],
    [{ building: false, result: 'UNSTABLE' }, {}, 'TERMINAL'],
    [{ building: false, result: 'UNSTABLE' }, { markUnstableAsSuccessful: true }, 'SUCCEEDED'],
    [{ building: false, result: 'UNSTABLE' }, { markUnstableAsSuccessful: 'true' }, 'SUCCEEDED'],
    [{ building: false, result: 'FAILURE' }, { markUnstableAsSuccessful: true }, 'TERMINAL'],
    [{ building: false, result: 'ABORTED' }, {}, 'CANCELED'],
    [{ building: false, result: 'NOT_BUILT' }, {}, 'RUNNING'],
  ])('monitor: %o with %o → %s', async (build, context, status) => {
    const igor = fakeIgor({ buildStatus: async () => ({ number: 3, ...build }) });
    const result = await run(monitorJenkinsJobTask, { buildNumber: 3, ...context }, igor);
    expect(result.status).toBe(status);
    expect(result.context?.buildInfo).toMatchObject(build);
    if (status === 'RUNNING') expect(result.outputs).toBeUndefined();
    else expect(result.outputs).toEqual({ buildInfo: { number: 3, ...build } });
  });

  it('monitor backs off 1 s in its first minute, then 10 s', () => {
    const backoff = monitorJenkinsJobTask.backoffMs as (i: never) => number;
    const input = (age: number) => ({ now: NOW, task: { startTime: NOW - age } }) as never;
    expect([backoff(input(1_000)), backoff(input(61_000))]).toEqual([1_000, 10_000]);
  });

  it('properties: each key and propertyFileContents in context and outputs; an empty file fails after a grace', async () => {
    const props = fakeIgor({ properties: async () => ({ version: '1.0', sha: 'abc' }) });
    const ok = await run(getBuildPropertiesTask, { buildNumber: 3, property: 'out.properties' }, props);
    const data = { version: '1.0', sha: 'abc', propertyFileContents: { version: '1.0', sha: 'abc' } };
    expect(ok).toMatchObject({ status: 'SUCCEEDED', context: data, outputs: data });
    expect(props.calls[0]).toContain('"out.properties"');
    const empty = fakeIgor({ properties: async () => ({}) });
    expect(await run(getBuildPropertiesTask, { buildNumber: 3, propertyFile: 'p' }, empty)).toMatchObject({
      status: 'RUNNING',
    });
    expect(
      await run(getBuildPropertiesTask, { buildNumber: 3, propertyFile: 'p' }, empty, 11_000),
    ).toMatchObject({
      status: 'TERMINAL',
      context: {
        exception: {
          details: {
            error: 'Expected properties file p but it was either missing, empty or contained invalid syntax',
          },
        },
      },
    });
    const none = fakeIgor();
    expect(await run(getBuildPropertiesTask, { buildNumber: 3 }, none)).toMatchObject({
      status: 'SUCCEEDED',
    });
    expect(none.calls).toEqual([]);
  });

  it('cancel stops the build, finds a build the queue item became, or cancels the queue item', async () => {
    const services = (igor: Igor) => ({ igor }) as unknown as TaskServices;
    const a = fakeIgor();
    await jenkinsStage.cancel!(stageWith({ queuedBuild: '7', buildNumber: 3 }), execution, services(a));
    expect(a.calls).toEqual([`stop ${JSON.stringify(['ci', 'team/job/app', '7', 3])}`]);
    const b = fakeIgor({ queuedBuildNumber: async () => 4 });
    await jenkinsStage.cancel!(stageWith({ queuedBuild: '7' }), execution, services(b));
    expect(b.calls.at(-1)).toBe(`stop ${JSON.stringify(['ci', 'team/job/app', '7', 4])}`);
    const c = fakeIgor({ queuedBuildNumber: async () => undefined });
    await jenkinsStage.cancel!(stageWith({ queuedBuild: '7' }), execution, services(c));
    expect(c.calls.at(-1)).toBe(`stop ${JSON.stringify(['ci', 'team/job/app', '7', 0])}`);
    const d = fakeIgor();
    await jenkinsStage.cancel!(stageWith({}), execution, services(d));
    expect(d.calls).toEqual([]);
  });
});
