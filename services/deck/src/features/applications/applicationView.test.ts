import type { Application, TaskView } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { createApplicationTaskBody, taskIdFromRef } from '../../api/applications.js';
import {
  APPLICATION_NAME_PATTERN,
  epochToDate,
  filterApplications,
  isTaskDone,
  splitList,
  taskFailureMessage,
} from './applicationView.js';

const apps: Application[] = [
  { name: 'web', email: 'web@example.com', accounts: 'k8s-prod' },
  { name: 'cargo', email: 'ops@example.com', accounts: 'k8s-dev,k8s-prod' },
  { name: 'billing', email: 'money@example.com' },
];

describe('filterApplications', () => {
  it('sorts by name and matches name, email and accounts case-insensitively', () => {
    expect(filterApplications(apps, '').map((a) => a.name)).toEqual(['billing', 'cargo', 'web']);
    expect(filterApplications(apps, 'CAR').map((a) => a.name)).toEqual(['cargo']);
    expect(filterApplications(apps, 'k8s-prod').map((a) => a.name)).toEqual(['cargo', 'web']);
    expect(filterApplications(apps, 'money').map((a) => a.name)).toEqual(['billing']);
    expect(filterApplications(apps, 'nothing')).toEqual([]);
  });
});

describe('small formatters', () => {
  it('reads epoch strings and numbers', () => {
    expect(epochToDate('1700000000000')?.getTime()).toBe(1_700_000_000_000);
    expect(epochToDate(5)?.getTime()).toBe(5);
    expect(epochToDate(undefined)).toBeUndefined();
    expect(epochToDate('')).toBeUndefined();
  });

  it('splits comma lists', () => {
    expect(splitList('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(splitList(['x'])).toEqual(['x']);
    expect(splitList(null)).toEqual([]);
  });

  it('accepts Kubernetes-safe application names only', () => {
    expect(APPLICATION_NAME_PATTERN.test('cargo-2')).toBe(true);
    expect(APPLICATION_NAME_PATTERN.test('2cargo')).toBe(false);
    expect(APPLICATION_NAME_PATTERN.test('car go')).toBe(false);
  });
});

describe('create-application task', () => {
  it('builds Spinnaker’s task body', () => {
    expect(
      createApplicationTaskBody({ name: 'cargo', email: 'o@x', cloudProviders: ['kubernetes', 'aws'] }),
    ).toEqual({
      job: [
        {
          type: 'createApplication',
          application: { name: 'cargo', email: 'o@x', cloudProviders: 'kubernetes,aws' },
          user: '[anonymous]',
        },
      ],
      application: 'cargo',
      description: 'Create Application: cargo',
    });
  });

  it('reads the task id from a ref', () => {
    expect(taskIdFromRef('/tasks/01HX')).toBe('01HX');
    expect(taskIdFromRef('nonsense')).toBeUndefined();
  });

  it('explains a failed task, errors first', () => {
    const task: TaskView = { id: 't', application: 'a', status: 'TERMINAL', variables: [], steps: [] };
    expect(taskFailureMessage(task)).toBe('Task t ended with status TERMINAL.');
    const failed = {
      ...task,
      variables: [{ key: 'exception', value: { details: { error: 'x', errors: ['name taken'] } } }],
    };
    expect(taskFailureMessage(failed)).toBe('name taken');
    expect(isTaskDone(failed)).toBe(true);
    expect(isTaskDone({ ...task, status: 'RUNNING' })).toBe(false);
  });
});
