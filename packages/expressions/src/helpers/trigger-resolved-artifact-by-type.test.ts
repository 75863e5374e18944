import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { triggerResolvedArtifactByTypeHelper } from './trigger-resolved-artifact-by-type.js';

describe('#triggerResolvedArtifactByType', () => {
  it('is registered under its name', () => {
    expect(triggerResolvedArtifactByTypeHelper.name).toBe('triggerResolvedArtifactByType');
  });

  it.each<[string, unknown]>([
    ["#triggerResolvedArtifactByType('docker/image').reference", 'gcr.io/demo/app:1.2.3'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ["#triggerResolvedArtifactByType('s3/object')", /Unable to locate resolved artifact s3\/object/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
