import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { manifestLabelValueHelper } from './manifest-label-value.js';

describe('#manifestLabelValue', () => {
  it('is registered under its name', () => {
    expect(manifestLabelValueHelper.name).toBe('manifestLabelValue');
  });

  it.each<[string, unknown]>([["#manifestLabelValue('Deploy', 'Deployment', 'version')", 'v7']])(
    '%s',
    (expression, expected) => {
      expect(evalSample(expression)).toEqual(expected);
    },
  );

  it.each<[string, RegExp]>([
    ["#manifestLabelValue('Deploy', 'Service', 'app')", /kind Service is not supported/],
    ["#manifestLabelValue('Deploy', 'ReplicaSet', 'app')", /No manifest of kind ReplicaSet/],
    ["#manifestLabelValue('Deploy', 'Deployment', 'nope')", /Label 'nope' was not found/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
