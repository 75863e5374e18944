import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { stageByRefIdHelper } from './stage-by-ref-id.js';

describe('#stageByRefId', () => {
  it('is registered under its name', () => {
    expect(stageByRefIdHelper.name).toBe('stageByRefId');
  });

  it.each<[string, unknown]>([["#stageByRefId('3').name", 'Approve']])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ["#stageByRefId('99')", /Unable to locate \[99\] using #stageByRefId/],
    ['#stageByRefId(null)', /must not be null/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
