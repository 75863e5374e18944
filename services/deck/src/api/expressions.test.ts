import { describe, expect, it } from 'vitest';
import { EvaluationAnswerSchema, evaluationOutcome } from './expressions.js';

describe('evaluationOutcome', () => {
  it('is the result when orca sent no failure summary', () => {
    expect(evaluationOutcome(EvaluationAnswerSchema.parse({ result: 'SUCCEEDED' }))).toEqual({
      ok: true,
      value: 'SUCCEEDED',
    });
  });

  it('is every summary description when the expression failed', () => {
    const answer = EvaluationAnswerSchema.parse({
      result: '${nope.x}',
      detail: {
        '${nope.x}': [
          { description: 'Failed to evaluate [x]: nope not found', level: 'ERROR', timestamp: 1 },
          { level: 'ERROR' },
        ],
      },
    });
    expect(evaluationOutcome(answer)).toEqual({
      ok: false,
      errors: ['Failed to evaluate [x]: nope not found', 'The expression could not be evaluated.'],
    });
  });
});
