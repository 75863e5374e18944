import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { currentStageHelper } from './current-stage.js';

describe('#currentStage', () => {
  it('is registered under its name', () => {
    expect(currentStageHelper.name).toBe('currentStage');
  });

  it.each<[string, unknown]>([
    ['#currentStage().name', 'Current'],
    ['#currentStage().context.own', 'mine'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
