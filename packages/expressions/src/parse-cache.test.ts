import { describe, expect, it } from 'vitest';
import { LruCache, parseExpressionCached } from './parse-cache.js';

describe('the parse cache', () => {
  it('returns the same AST for the same text and caches parse errors', () => {
    expect(parseExpressionCached('a.b + 1')).toBe(parseExpressionCached('a.b + 1'));
    expect(() => parseExpressionCached('a +')).toThrow();
    expect(() => parseExpressionCached('a +')).toThrow();
  });

  it('evicts the least recently used entry', () => {
    const lru = new LruCache<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.size).toBe(2);
  });
});
