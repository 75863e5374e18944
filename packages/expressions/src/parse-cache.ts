import type { Node } from './ast.js';
import { ExpressionError } from './errors.js';
import { parseExpression, type ParseOptions } from './parser.js';
import { parseTemplate, type TemplatePart } from './template.js';

/** A small least-recently-used cache (a Map keeps insertion order; a hit re-inserts the key). */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  /** The cached value, refreshed as most recently used. */
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Stores a value, evicting the least recently used one when full. */
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

const expressions = new LruCache<Parsed<Node>>(5_000);
const templates = new LruCache<Parsed<TemplatePart[]>>(5_000);

/** Texts longer than this are parsed every time rather than kept in memory. */
const MAX_CACHED_TEXT = 20_000;

function cached<T>(cache: LruCache<Parsed<T>>, key: string, parse: () => T): T {
  if (key.length > MAX_CACHED_TEXT) return parse();
  let entry = cache.get(key);
  if (!entry) {
    try {
      entry = { ok: true, value: parse() };
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      entry = { ok: false, error: err };
    }
    cache.set(key, entry);
  }
  if (!entry.ok) throw entry.error;
  return entry.value;
}

const keyOf = (text: string, o: ParseOptions): string =>
  `${o.maxExpressionLength ?? ''}:${o.maxNestingDepth ?? ''}:${text}`;

/** {@link parseExpression} through an LRU cache (parse errors are cached too). */
export function parseExpressionCached(text: string, options: ParseOptions = {}): Node {
  return cached(expressions, keyOf(text, options), () => parseExpression(text, options));
}

/** {@link parseTemplate} through an LRU cache (parse errors are cached too). */
export function parseTemplateCached(text: string, options: ParseOptions = {}): TemplatePart[] {
  return cached(templates, keyOf(text, options), () => parseTemplate(text, options));
}
