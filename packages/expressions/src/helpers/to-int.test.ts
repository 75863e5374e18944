import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { toIntHelper } from './to-int.js';

describe('#toInt', () => {
  it('is registered under its name', () => {
    expect(toIntHelper.name).toBe('toInt');
  });

  it.each<[string, unknown]>([
    ["#toInt('42')", 42],
    ['#toInt(trigger.parameters.replicas) + 1', 4],
    ["#toInt('-7')", -7],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ["#toInt('4.2')", /NumberFormatException/],
    ["#toInt('99999999999')", /NumberFormatException/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
