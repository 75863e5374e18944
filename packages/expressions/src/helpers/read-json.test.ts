import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { readJsonHelper } from './read-json.js';

describe('#readJson', () => {
  it('is registered under its name', () => {
    expect(readJsonHelper.name).toBe('readJson');
  });

  it.each<[string, unknown]>([
    ['#readJson(trigger.parameters.json).a[1]', 2],
    ["#readJson('[1, 2]').size()", 2],
    ['#fromJson(\'{"k": true}\').k', true],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#readJson('{nope')", /could not parse the JSON/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
