import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { toJsonHelper } from './to-json.js';

describe('#toJson', () => {
  it('is registered under its name', () => {
    expect(toJsonHelper.name).toBe('toJson');
  });

  it.each<[string, unknown]>([
    ['#toJson({a: {1, 2}})', '{"a":[1,2]}'],
    ['#toJson(trigger.parameters.env)', '"prod"'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#toJson('${x}')", /cannot contain an expression/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
