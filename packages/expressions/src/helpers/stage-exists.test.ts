import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { stageExistsHelper } from './stage-exists.js';

describe('#stageExists', () => {
  it('is registered under its name', () => {
    expect(stageExistsHelper.name).toBe('stageExists');
  });

  it.each<[string, unknown]>([
    ["#stageExists('Deploy')", true],
    ["#stageExists('s1')", true],
    ["#stageExists('Nope')", false],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
