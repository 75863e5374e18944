import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { readYamlHelper } from './read-yaml.js';

const docs = { mapDoc: 'a: 1\nb: [x, y]', listDoc: '- 1\n- 2', multiDoc: 'a: 1\n---\nb: 2' };

describe('#readYaml', () => {
  it('is registered under its name', () => {
    expect(readYamlHelper.name).toBe('readYaml');
  });

  it.each<[string, unknown]>([
    ['#readYaml(mapDoc).b[1]', 'y'],
    ['#readYaml(listDoc).size()', 2],
  ])('%s', (expression, expected) => {
    // SpEL string literals have no \\n escape, so the YAML text comes from the context.
    expect(evalSample(expression, undefined, docs)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#readYaml('a: [1')", /could not parse the YAML/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
