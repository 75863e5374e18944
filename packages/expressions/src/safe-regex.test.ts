import { describe, expect, it } from 'vitest';
import { maxInputFor, safeRegExp, screenPattern } from './safe-regex.js';

describe('regular expression screening', () => {
  it.each(['^v\\d+\\.\\d+$', 'release-[0-9]+', '(?i)prod', '(dev|staging|prod)', '(-\\w+)?', '[a-z]{2,5}'])(
    'accepts %s',
    (p) => {
      expect(() => screenPattern(p)).not.toThrow();
    },
  );

  it.each<[string, RegExp]>([
    ['(a+)+', /nested quantifiers/],
    ['(a|a)*', /nested quantifiers/],
    ['(\\w)\\1', /backreferences/],
    ['(?<=a)b', /lookbehind/],
    ['(?>a)', /atomic/],
    ['a++', /possessive/],
    ['\\Aabc\\z', /escape/],
    ['(a', /Unclosed group/],
  ])('refuses %s', (p, reason) => {
    expect(() => screenPattern(p)).toThrow(reason);
  });

  it('caps the input length by the number of unbounded quantifiers', () => {
    expect(maxInputFor(screenPattern('a*'), 10_000)).toBe(10_000);
    expect(maxInputFor(screenPattern('a*a*a*b'), 10_000)).toBeLessThan(500);
    expect(() => safeRegExp('a*a*a*b', 'a'.repeat(1000), 10_000, 'full')).toThrow(
      /too long for this regular expression/,
    );
  });

  it('anchors full matches like Java matches()', () => {
    expect(safeRegExp('b', 'abc', 100, 'full').test('abc')).toBe(false);
    expect(safeRegExp('a.c', 'abc', 100, 'full').test('abc')).toBe(true);
  });
});
