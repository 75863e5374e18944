import { ExecutionStatus, type PipelineExecution, type StageExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import {
  elapsed,
  formatDuration,
  isActive,
  judgmentInputs,
  pendingJudgment,
  stageFailureMessages,
  statusLabel,
  statusTone,
  visibleStages,
} from './executionView.js';

const stage = (overrides: Partial<StageExecution>): StageExecution => ({
  id: 's1',
  type: 'wait',
  status: 'SUCCEEDED',
  context: {},
  ...overrides,
});

describe('statusTone and statusLabel', () => {
  it('gives every status a tone and a label', () => {
    for (const status of Object.values(ExecutionStatus)) {
      expect(statusTone(status)).toMatch(/^(up|down|unknown|pending|running|warning)$/);
      expect(statusLabel(status)).not.toBe('');
    }
  });

  it.each([
    ['SUCCEEDED', 'up', 'SUCCEEDED'],
    ['TERMINAL', 'down', 'TERMINAL'],
    ['RUNNING', 'running', 'RUNNING'],
    ['NOT_STARTED', 'pending', 'NOT STARTED'],
    ['FAILED_CONTINUE', 'warning', 'FAILED (CONTINUED)'],
    ['CANCELED', 'unknown', 'CANCELED'],
  ] as const)('%s → %s / %s', (status, tone, label) => {
    expect(statusTone(status)).toBe(tone);
    expect(statusLabel(status)).toBe(label);
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [-5, '—'],
    [0, '0ms'],
    [850, '850ms'],
    [12_400, '12s'],
    [184_000, '3m 04s'],
    [7_500_000, '2h 05m'],
  ])('%j → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('measures running work up to now', () => {
    expect(elapsed({ startTime: 1_000 }, 4_000)).toBe(3_000);
    expect(elapsed({ startTime: 1_000, endTime: 2_000 }, 9_000)).toBe(1_000);
    expect(elapsed({}, 9_000)).toBeUndefined();
  });
});

describe('stageFailureMessages', () => {
  it('puts context.exception.details.errors first', () => {
    const failed = stage({
      status: 'TERMINAL',
      context: { exception: { details: { error: 'generic', errors: ['quota exceeded', 'second'] } } },
    });
    expect(stageFailureMessages(failed)).toEqual(['quota exceeded', 'second']);
  });

  it('falls back to details.error, then to the tasks, then to nothing', () => {
    expect(stageFailureMessages(stage({ context: { exception: { details: { error: 'boom' } } } }))).toEqual([
      'boom',
    ]);
    const viaTask = stage({
      tasks: [
        {
          id: '1',
          name: 'deploy',
          status: 'TERMINAL',
          taskExceptionDetails: { exception: { details: { errors: ['task says no'] } } },
        },
      ],
    });
    expect(stageFailureMessages(viaTask)).toEqual(['task says no']);
    expect(stageFailureMessages(stage({}))).toEqual([]);
  });
});

describe('manual judgment helpers', () => {
  const execution: PipelineExecution = {
    id: 'e1',
    type: 'PIPELINE',
    application: 'cargo',
    status: 'RUNNING',
    stages: [
      stage({ id: 'a' }),
      stage({ id: 'b', parentStageId: 'a', syntheticStageOwner: 'STAGE_BEFORE' }),
      stage({
        id: 'j',
        type: 'manualJudgment',
        status: 'RUNNING',
        context: { judgmentInputs: [{ value: 'ship' }, { value: '' }, {}] },
      }),
    ],
  };

  it('finds the running judgment and its inputs', () => {
    const judgment = pendingJudgment(execution);
    expect(judgment?.id).toBe('j');
    expect(judgmentInputs(judgment as StageExecution)).toEqual(['ship']);
  });

  it('hides synthetic stages and knows which statuses can be cancelled', () => {
    expect(visibleStages(execution).map((s) => s.id)).toEqual(['a', 'j']);
    expect(isActive('RUNNING')).toBe(true);
    expect(isActive('SUCCEEDED')).toBe(false);
  });
});
