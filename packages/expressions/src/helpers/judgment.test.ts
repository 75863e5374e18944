import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { judgmentHelper } from './judgment.js';

describe('#judgment', () => {
  it('is registered under its name', () => {
    expect(judgmentHelper.name).toBe('judgment');
  });

  it.each<[string, unknown]>([
    ["#judgment('Approve')", 'yes'],
    ["#judgement('Approve')", 'yes'],
    ["#judgment('Approve') == 'yes' ? 'prod' : 'staging'", 'prod'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#judgment('Deploy')", /Unable to locate manual Judgment stage \[Deploy\]/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
