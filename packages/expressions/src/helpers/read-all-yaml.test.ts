import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { readAllYamlHelper } from './read-all-yaml.js';

const docs = { mapDoc: 'a: 1\nb: [x, y]', listDoc: '- 1\n- 2', multiDoc: 'a: 1\n---\nb: 2' };

describe('#readAllYaml', () => {
  it('is registered under its name', () => {
    expect(readAllYamlHelper.name).toBe('readAllYaml');
  });

  it.each<[string, unknown]>([
    ['#readAllYaml(multiDoc).size()', 2],
    ['#readAllYaml(multiDoc)[1].b', 2],
  ])('%s', (expression, expected) => {
    // SpEL string literals have no \\n escape, so the YAML text comes from the context.
    expect(evalSample(expression, undefined, docs)).toEqual(expected);
  });
});
