import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.js';
import { evalSample } from '../test-fixtures.js';
import { fromBase64Helper } from './from-base64.js';

describe('#fromBase64', () => {
  it('is registered under its name', () => {
    expect(fromBase64Helper.name).toBe('fromBase64');
  });

  it.each<[string, unknown]>([
    ["#fromBase64('aGVsbG8=')", 'hello'],
    ["#fromBase64(#toBase64('round trip'))", 'round trip'],
  ])('%s', (expression, expected) => {
    expect(evalSample(expression)).toEqual(expected);
  });

  it.each<[string, RegExp]>([["#fromBase64('not base64!')", /Illegal base64 character/]])(
    '%s fails clearly',
    (expression, message) => {
      expect(() => evalSample(expression)).toThrow(ExpressionError);
      expect(() => evalSample(expression)).toThrow(message);
    },
  );
});
