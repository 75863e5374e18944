import { describe, expect, it } from 'vitest';
import { evalSample } from '../test-fixtures.js';
import { toBase64Helper } from './to-base64.js';

describe('#toBase64', () => {
  it('is registered under its name', () => {
    expect(toBase64Helper.name).toBe('toBase64');
  });

  it.each<[string, unknown]>([
    ["#toBase64('hello')", 'aGVsbG8='],
    ["#toBase64('\u00e9')", 'w6k='],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });
});
