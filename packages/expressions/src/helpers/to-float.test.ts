import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { toFloatHelper } from './to-float.js';

describe('#toFloat', () => {
  it('is registered under its name', () => {
    expect(toFloatHelper.name).toBe('toFloat');
  });

  it.each<[string, unknown]>([
    ["#toFloat('1.5')", 1.5],
    ["#toFloat('2')", 2],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#toFloat('x')", /NumberFormatException/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
