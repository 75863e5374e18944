import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { toBooleanHelper } from './to-boolean.js';

describe('#toBoolean', () => {
  it('is registered under its name', () => {
    expect(toBooleanHelper.name).toBe('toBoolean');
  });

  it.each<[string, unknown]>([
    ["#toBoolean('true')", true],
    ["#toBoolean('TRUE')", true],
    ["#toBoolean('yes')", false],
    ['#toBoolean(null)', false],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
