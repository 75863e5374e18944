import { describe, expect, it } from 'vitest';
import { labelSelectorToString, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.js';

describe('selectors', () => {
  it('parses equality, set and existence requirements', () => {
    const reqs = parseLabelSelector('app in (web,api),tier!=db,!legacy,env');
    expect(matchesLabels(reqs, { app: 'web', env: 'prod' })).toBe(true);
    expect(matchesLabels(reqs, { app: 'web', env: 'prod', tier: 'db' })).toBe(false);
    expect(matchesLabels(reqs, { app: 'web', env: 'prod', legacy: 'y' })).toBe(false);
    expect(matchesLabels(reqs, { app: 'web' })).toBe(false);
  });

  it('rejects malformed selectors and unsupported fields', () => {
    expect(() => parseLabelSelector('app=(x')).toThrow(/unable to parse/);
    expect(() => parseFieldSelector('spec.foo=bar', [])).toThrow(/field label not supported: spec.foo/);
    expect(parseFieldSelector('involvedObject.namespace=', ['involvedObject.namespace'])).toEqual([
      { field: 'involvedObject.namespace', value: '', negate: false },
    ]);
  });

  it('renders LabelSelector objects sorted by key', () => {
    expect(
      labelSelectorToString({
        matchLabels: { z: '1', a: '2' },
        matchExpressions: [{ key: 'm', operator: 'In', values: ['y', 'x'] }],
      }),
    ).toBe('a=2,m in (x,y),z=1');
  });
});
