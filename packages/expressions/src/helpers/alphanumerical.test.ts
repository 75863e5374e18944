import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { alphanumericalHelper } from './alphanumerical.js';

describe('#alphanumerical', () => {
  it('is registered under its name', () => {
    expect(alphanumericalHelper.name).toBe('alphanumerical');
  });

  it.each<[string, unknown]>([["#alphanumerical('feature/ABC-123_x')", 'featureABC123x']])(
    '%s',
    (expression, expected) => {
      expect(evalSample(expression)).toEqual(expected);
    },
  );
});
