import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { doNotEvalHelper } from './do-not-eval.js';

describe('#doNotEval', () => {
  it('is registered under its name', () => {
    expect(doNotEvalHelper.name).toBe('doNotEval');
  });

  it.each<[string, unknown]>([["#doNotEval('${keep}')", '${keep}']])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
