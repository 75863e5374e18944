import type { Budget } from './budget.js';
import { ExpressionError } from './errors.js';
import { assertAllowedName, getProperty, MISSING } from './guard.js';
import { javaEquals, javaToString, plusToString } from './java.js';
import { fixed, int, methodTable, javaStringHash } from './string-methods.js';

const eq = (budget: Budget) => (a: unknown, b: unknown) => javaEquals(a, b, () => budget.tick());

function indexOf(list: unknown[], x: unknown, budget: Budget): number {
  const same = eq(budget);
  for (let i = 0; i < list.length; i++) if (same(list[i], x)) return i;
  return -1;
}

function listIndex(list: unknown[], i: unknown): number {
  const index = int(i, 'get');
  if (index < 0 || index >= list.length) {
    throw new ExpressionError(
      'EVALUATION',
      `IndexOutOfBoundsException: Index ${index} out of bounds for length ${list.length}`,
    );
  }
  return index;
}

/** The List methods an expression may call. */
export const listMethods = methodTable<unknown[]>({
  size: fixed(0, (l) => l.length),
  isEmpty: fixed(0, (l) => l.length === 0),
  get: fixed(1, (l, [i]) => l[listIndex(l, i)] ?? null),
  contains: fixed(1, (l, [x], budget) => indexOf(l, x, budget) >= 0),
  containsAll: fixed(
    1,
    (l, [xs], budget) => Array.isArray(xs) && xs.every((x) => indexOf(l, x, budget) >= 0),
  ),
  indexOf: fixed(1, (l, [x], budget) => indexOf(l, x, budget)),
  lastIndexOf: fixed(1, (l, [x], budget) => {
    const same = eq(budget);
    for (let i = l.length - 1; i >= 0; i--) if (same(l[i], x)) return i;
    return -1;
  }),
  subList: fixed(2, (l, [a, b]) => {
    const from = int(a, 'subList');
    const to = int(b, 'subList');
    if (from < 0 || to > l.length || from > to) {
      throw new ExpressionError(
        'EVALUATION',
        `IndexOutOfBoundsException: fromIndex ${from}, toIndex ${to}, size ${l.length}`,
      );
    }
    return l.slice(from, to);
  }),
  toString: fixed(0, (l) => javaToString(l)),
  hashCode: fixed(0, (l) => javaStringHash(plusToString(l))),
});

function mapGet(m: Record<string, unknown>, key: unknown): unknown {
  const value = getProperty(m, javaToString(key));
  return value === MISSING ? null : value;
}

/** The Map methods an expression may call (`keySet`, `values`, `entrySet` return lists). */
export const mapMethods = methodTable<Record<string, unknown>>({
  size: fixed(0, (m) => Object.keys(m).length),
  isEmpty: fixed(0, (m) => Object.keys(m).length === 0),
  get: fixed(1, (m, [k]) => mapGet(m, k)),
  getOrDefault: fixed(2, (m, [k, d]) => {
    const value = getProperty(m, javaToString(k));
    return value === MISSING ? d : value;
  }),
  containsKey: fixed(1, (m, [k]) => {
    const key = javaToString(k);
    assertAllowedName(key);
    return getProperty(m, key) !== MISSING;
  }),
  containsValue: fixed(1, (m, [v], budget) => Object.values(m).some((x) => eq(budget)(x, v))),
  keySet: fixed(0, (m) => Object.keys(m)),
  values: fixed(0, (m) => Object.keys(m).map((k) => getProperty(m, k))),
  entrySet: fixed(0, (m) => Object.keys(m).map((key) => ({ key, value: getProperty(m, key) }))),
  toString: fixed(0, (m) => javaToString(m)),
  hashCode: fixed(0, (m) => javaStringHash(javaToString(m))),
});

/** Methods of numbers (Integer/Double). */
export const numberMethods = methodTable<number>({
  toString: fixed(0, (n) => javaToString(n)),
  intValue: fixed(0, (n) => Math.trunc(n) | 0),
  longValue: fixed(0, (n) => Math.trunc(n)),
  doubleValue: fixed(0, (n) => n),
  floatValue: fixed(0, (n) => Math.fround(n)),
  compareTo: fixed(1, (n, [x]) => {
    if (typeof x !== 'number')
      throw new ExpressionError('EVALUATION', `compareTo: expected a number but got ${javaToString(x)}`);
    return n < x ? -1 : n > x ? 1 : 0;
  }),
  isNaN: fixed(0, (n) => Number.isNaN(n)),
  hashCode: fixed(0, (n) => (Number.isInteger(n) ? n | 0 : javaStringHash(String(n)))),
});

/** Methods of booleans. */
export const booleanMethods = methodTable<boolean>({
  toString: fixed(0, (b) => String(b)),
  booleanValue: fixed(0, (b) => b),
  hashCode: fixed(0, (b) => (b ? 1231 : 1237)),
});
