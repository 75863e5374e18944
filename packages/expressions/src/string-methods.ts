import type { Budget } from './budget.js';
import { ExpressionError } from './errors.js';
import { javaEquals, javaToString, javaTypeName } from './java.js';
import { safeRegExp } from './safe-regex.js';

/** An allow-listed method: its arity range and implementation. */
export interface MethodDef<R> {
  min: number;
  max: number;
  fn: (receiver: R, args: unknown[], budget: Budget) => unknown;
}

/** Builds a method table (a Map, so names like `constructor` never resolve). */
export function methodTable<R>(entries: Record<string, MethodDef<R>>): ReadonlyMap<string, MethodDef<R>> {
  return new Map(Object.entries(entries));
}

/** A method of fixed arity. */
export function fixed<R>(arity: number, fn: MethodDef<R>['fn']): MethodDef<R> {
  return { min: arity, max: arity, fn };
}

/** The string argument of a String method: strings as is, numbers/booleans printed, null refused. */
export function str(value: unknown, method: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return javaToString(value);
  throw new ExpressionError(
    'EVALUATION',
    `EL1004E: Method call: Method ${method}(${javaTypeName(value)}) cannot be found on type java.lang.String`,
  );
}

/** The int argument of a method: an integer, or an integer-looking string. */
export function int(value: unknown, method: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new ExpressionError(
    'EVALUATION',
    `${method}: expected an int argument but got ${javaToString(value)}`,
  );
}

function outOfBounds(what: string): never {
  throw new ExpressionError('EVALUATION', `StringIndexOutOfBoundsException: ${what}`);
}

/** Java `String.hashCode()`. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java `String.split(regex, limit)`: trailing empty strings are dropped when the limit is 0. */
function javaSplit(s: string, pattern: string, limit: number, budget: Budget): string[] {
  const re = safeRegExp(pattern, s, budget.limits.maxRegexInputLength, 'global');
  const parts: string[] = [];
  let last = 0;
  for (const match of s.matchAll(re)) {
    budget.tick();
    if (limit > 0 && parts.length === limit - 1) break;
    const at = match.index;
    if (match[0] === '' && (at === 0 || at === s.length)) continue;
    if (at === 0 && match[0] !== '' && last === 0) {
      parts.push('');
      last = match[0].length;
      continue;
    }
    parts.push(s.slice(last, at));
    last = at + match[0].length;
  }
  parts.push(s.slice(last));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (limit === 0 && parts.length === 1 && parts[0] === '' && s !== '') return [];
  budget.collection(parts.length);
  return parts;
}

/** Java's replacement string for replaceAll: `$1` groups and `\` escapes (JS uses `$$` for `$`). */
function javaReplacement(replacement: string): string {
  return replacement.replace(
    /\\(.)|\$(\d)|\$/g,
    (m, escaped: string | undefined, group: string | undefined) =>
      escaped !== undefined ? (escaped === '$' ? '$$' : escaped) : group !== undefined ? m : '$$',
  );
}

/** The String methods an expression may call. */
export const stringMethods = methodTable<string>({
  length: fixed(0, (s) => s.length),
  isEmpty: fixed(0, (s) => s.length === 0),
  isBlank: fixed(0, (s) => s.trim().length === 0),
  contains: fixed(1, (s, [x]) => s.includes(str(x, 'contains'))),
  startsWith: {
    min: 1,
    max: 2,
    fn: (s, [p, o]) => s.startsWith(str(p, 'startsWith'), o === undefined ? 0 : int(o, 'startsWith')),
  },
  endsWith: fixed(1, (s, [p]) => s.endsWith(str(p, 'endsWith'))),
  toUpperCase: fixed(0, (s) => s.toUpperCase()),
  toLowerCase: fixed(0, (s) => s.toLowerCase()),
  trim: fixed(0, (s) => s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '')),
  strip: fixed(0, (s) => s.trim()),
  substring: {
    min: 1,
    max: 2,
    fn: (s, [b, e]) => {
      const begin = int(b, 'substring');
      const end = e === undefined ? s.length : int(e, 'substring');
      if (begin < 0 || end > s.length || begin > end)
        outOfBounds(`begin ${begin}, end ${end}, length ${s.length}`);
      return s.slice(begin, end);
    },
  },
  charAt: fixed(1, (s, [i]) => {
    const index = int(i, 'charAt');
    if (index < 0 || index >= s.length) outOfBounds(`index ${index}, length ${s.length}`);
    return s[index];
  }),
  indexOf: {
    min: 1,
    max: 2,
    fn: (s, [x, from]) => s.indexOf(str(x, 'indexOf'), from === undefined ? 0 : int(from, 'indexOf')),
  },
  lastIndexOf: fixed(1, (s, [x]) => s.lastIndexOf(str(x, 'lastIndexOf'))),
  replace: fixed(2, (s, [a, b], budget) => {
    const out = s.split(str(a, 'replace')).join(str(b, 'replace'));
    budget.string(out.length);
    return out;
  }),
  replaceAll: fixed(2, (s, [re, by], budget) => {
    const out = s.replace(
      safeRegExp(str(re, 'replaceAll'), s, budget.limits.maxRegexInputLength, 'global'),
      javaReplacement(str(by, 'replaceAll')),
    );
    budget.string(out.length);
    return out;
  }),
  replaceFirst: fixed(2, (s, [re, by], budget) => {
    const out = s.replace(
      safeRegExp(str(re, 'replaceFirst'), s, budget.limits.maxRegexInputLength, 'first'),
      javaReplacement(str(by, 'replaceFirst')),
    );
    budget.string(out.length);
    return out;
  }),
  split: {
    min: 1,
    max: 2,
    fn: (s, [re, limit], budget) =>
      javaSplit(s, str(re, 'split'), limit === undefined ? 0 : int(limit, 'split'), budget),
  },
  matches: fixed(1, (s, [re], budget) =>
    safeRegExp(str(re, 'matches'), s, budget.limits.maxRegexInputLength, 'full').test(s),
  ),
  equals: fixed(1, (s, [x]) => s === x),
  equalsIgnoreCase: fixed(1, (s, [x]) => typeof x === 'string' && s.toLowerCase() === x.toLowerCase()),
  compareTo: fixed(1, (s, [x]) => compareStrings(s, str(x, 'compareTo'))),
  compareToIgnoreCase: fixed(1, (s, [x]) =>
    compareStrings(s.toLowerCase(), str(x, 'compareToIgnoreCase').toLowerCase()),
  ),
  concat: fixed(1, (s, [x], budget) => {
    const out = s + str(x, 'concat');
    budget.string(out.length);
    return out;
  }),
  repeat: fixed(1, (s, [n], budget) => {
    const count = int(n, 'repeat');
    if (count < 0)
      throw new ExpressionError('EVALUATION', `IllegalArgumentException: count is negative: ${count}`);
    budget.string(s.length * count);
    return s.repeat(count);
  }),
  toString: fixed(0, (s) => s),
  hashCode: fixed(0, (s) => javaStringHash(s)),
});

/** Java `String.compareTo`: the difference of the first differing UTF-16 units, else of the lengths. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** `equals` for any receiver, with Java semantics. */
export function equalsMethod(receiver: unknown, other: unknown, budget: Budget): boolean {
  return javaEquals(receiver, other, () => budget.tick());
}
