import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { groupExecutions } from './ExecutionsPage.js';
import { mergeExecution, withNewerSingles, type SingleFetch } from './useExecutions.js';

const run = (id: string, fields: Partial<PipelineExecution>): PipelineExecution => ({
  id,
  type: 'PIPELINE',
  application: 'a',
  status: 'SUCCEEDED',
  stages: [],
  ...fields,
});
const none = { statuses: [], pipelines: [], triggerTypes: [] };

describe('groupExecutions', () => {
  const pipelines: Pipeline[] = [
    { id: 'p1', name: 'build', stages: [] },
    { name: 'legacy', stages: [] },
    { id: 'p3', stages: [] },
  ];
  const runs = [
    run('old', { pipelineConfigId: 'p1', startTime: 1 }),
    run('new', { pipelineConfigId: 'p1', startTime: 5, status: 'TERMINAL', trigger: { type: 'webhook' } }),
    run('byName', { name: 'legacy', startTime: 3 }),
  ];

  it('groups by config id (else name), newest first, skipping nameless configs', () => {
    expect(
      groupExecutions(pipelines, runs, none).map((g) => [g.pipeline.name, g.executions.map((e) => e.id)]),
    ).toEqual([
      ['build', ['new', 'old']],
      ['legacy', ['byName']],
    ]);
  });

  it('hides pipelines without matching runs while filtering by status or trigger', () => {
    const filtered = groupExecutions(pipelines, runs, { ...none, statuses: ['TERMINAL'] });
    expect(filtered.map((g) => [g.pipeline.name, g.executions.map((e) => e.id)])).toEqual([
      ['build', ['new']],
    ]);
    expect(
      groupExecutions(pipelines, runs, { ...none, pipelines: ['legacy'] }).map((g) => g.pipeline.name),
    ).toEqual(['legacy']);
  });
});

describe('mergeExecution', () => {
  it('replaces in place or adds a new execution first', () => {
    const list = [run('a', {}), run('b', {})];
    expect(mergeExecution(list, run('b', { status: 'TERMINAL' })).map((e) => [e.id, e.status])).toEqual([
      ['a', 'SUCCEEDED'],
      ['b', 'TERMINAL'],
    ]);
    expect(mergeExecution(list, run('c', {})).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('withNewerSingles', () => {
  it('keeps a live update newer than the list answer, and drops single fetches the list supersedes', () => {
    const list = [run('a', { status: 'RUNNING' }), run('b', { status: 'RUNNING' })];
    const singles = new Map<string, SingleFetch>([
      ['a', { execution: run('a', { status: 'CANCELED' }), requestedAt: 2_000 }],
      ['b', { execution: run('b', { status: 'SUCCEEDED' }), requestedAt: 500 }],
    ]);
    const merged = withNewerSingles(list, 1_000, singles);
    expect(merged.map((e) => [e.id, e.status])).toEqual([
      ['a', 'CANCELED'],
      ['b', 'RUNNING'],
    ]);
    expect([...singles.keys()]).toEqual(['a']);
    expect(withNewerSingles(list, 3_000, singles).map((e) => e.status)).toEqual(['RUNNING', 'RUNNING']);
    expect(singles.size).toBe(0);
  });
});
