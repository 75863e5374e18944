import type { PipelineExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { hashWithQuery, queryFromHash } from '../../app/router.js';
import {
  filtersFromQuery,
  filtersToQuery,
  matchesFilters,
  noFilters,
  pipelineShown,
  toggle,
  triggerTypesIn,
} from './filters.js';

const run = (status: string, trigger?: string): PipelineExecution =>
  ({
    id: `${status}-${trigger}`,
    type: 'PIPELINE',
    application: 'cargo',
    status,
    stages: [],
    ...(trigger ? { trigger: { type: trigger } } : {}),
  }) as PipelineExecution;

describe('execution filters in the URL', () => {
  it('round-trips through the hash query and drops empty filters', () => {
    const filters = { statuses: ['RUNNING', 'TERMINAL'], pipelines: ['deploy'], triggerTypes: [] };
    const hash = hashWithQuery('/applications/cargo/executions', filtersToQuery(filters));
    expect(hash).toBe('#/applications/cargo/executions?status=RUNNING%2CTERMINAL&pipeline=deploy');
    expect(filtersFromQuery(queryFromHash(hash))).toEqual(filters);
    expect(hashWithQuery('/x', filtersToQuery({ statuses: [], pipelines: [], triggerTypes: [] }))).toBe(
      '#/x',
    );
    expect(noFilters(filtersFromQuery(queryFromHash('#/x?status=')))).toBe(true);
  });

  it('toggles values', () => {
    expect(toggle(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('matchesFilters', () => {
  it('ORs values within a filter and ANDs filters', () => {
    const filters = { statuses: ['RUNNING', 'TERMINAL'], pipelines: [], triggerTypes: ['webhook'] };
    expect(matchesFilters(run('RUNNING', 'webhook'), filters)).toBe(true);
    expect(matchesFilters(run('TERMINAL', 'webhook'), filters)).toBe(true);
    expect(matchesFilters(run('SUCCEEDED', 'webhook'), filters)).toBe(false);
    expect(matchesFilters(run('RUNNING', 'manual'), filters)).toBe(false);
    expect(matchesFilters(run('RUNNING'), { ...filters, triggerTypes: ['unknown'] })).toBe(true);
  });

  it('filters pipelines by name and lists trigger types', () => {
    expect(pipelineShown('deploy', { statuses: [], pipelines: [], triggerTypes: [] })).toBe(true);
    expect(pipelineShown('deploy', { statuses: [], pipelines: ['build'], triggerTypes: [] })).toBe(false);
    expect(triggerTypesIn([run('A', 'webhook'), run('B', 'cron'), run('C', 'webhook'), run('D')])).toEqual([
      'cron',
      'unknown',
      'webhook',
    ]);
  });
});
