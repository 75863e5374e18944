import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { triggerResolvedArtifactHelper } from './trigger-resolved-artifact.js';

describe('#triggerResolvedArtifact', () => {
  it('is registered under its name', () => {
    expect(triggerResolvedArtifactHelper.name).toBe('triggerResolvedArtifact');
  });

  it.each<[string, unknown]>([["#triggerResolvedArtifact('gcr.io/demo/app').version", '1.2.3']])(
    '%s',
    (expression, expected) => {
      expect(evalSample(expression)).toEqual(expected);
    },
  );

  it.each<[string, RegExp]>([
    ["#triggerResolvedArtifact('nope')", /Unable to locate resolved artifact nope/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
