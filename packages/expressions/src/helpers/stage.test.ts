import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { stageHelper } from './stage.js';

describe('#stage', () => {
  it('is registered under its name', () => {
    expect(stageHelper.name).toBe('stage');
  });

  it.each<[string, unknown]>([
    ["#stage('Deploy').outputs.image", 'app:1.2.3'],
    ["#stage('s3').name", 'Approve'],
    ["#stage('Deploy')['context']['account']", 'k8s'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ["#stage('Nope')", /Unable to locate \[Nope\] using #stage\(Nope\) in execution 01HZX/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => evalSample(expression)).toThrow(ExpressionError);
    expect(() => evalSample(expression)).toThrow(message);
  });
});
