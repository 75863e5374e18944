import { ExpressionError } from './errors.js';

/**
 * The sandbox's single gate to data. Expressions reach only plain JSON-like data: own, enumerable
 * data properties of plain objects, array elements, string characters and lengths. Names that lead
 * to JavaScript internals are refused outright, even when computed at run time.
 */

/** Property names that are never readable, writable or usable as map keys. */
export const deniedNames: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
]);

/** A value returned when a property does not exist (distinct from a property holding null). */
export const MISSING: unique symbol = Symbol('missing');

/** True for an object literal / JSON object (prototype `Object.prototype` or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True for values an expression may hold: null, string, number, boolean, array, plain object. */
export function isData(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return true;
  return Array.isArray(value) || isPlainObject(value);
}

/** Throws DENIED when `name` is one of the {@link deniedNames}. */
export function assertAllowedName(name: string, pos?: number): void {
  if (deniedNames.has(name)) {
    throw new ExpressionError('DENIED', `Access to '${name}' is not allowed in pipeline expressions`, pos);
  }
}

/**
 * Reads `name` from `target` under the sandbox rules. Returns {@link MISSING} when the property does
 * not exist; throws DENIED for a denied name, a non-data target (function, class instance) or an
 * accessor / non-data value.
 */
export function getProperty(target: unknown, name: string | number, pos?: number): unknown {
  if (typeof name === 'string') assertAllowedName(name, pos);
  if (typeof target === 'string') {
    if (name === 'length') return target.length;
    const i = typeof name === 'number' ? name : NaN;
    return Number.isInteger(i) && i >= 0 && i < target.length ? target[i] : MISSING;
  }
  if (Array.isArray(target)) {
    if (name === 'length') return target.length;
    if (typeof name !== 'number' || !Number.isInteger(name) || name < 0 || name >= target.length)
      return MISSING;
    return checkedValue(Object.getOwnPropertyDescriptor(target, name), name, pos);
  }
  if (!isPlainObject(target)) {
    throw new ExpressionError('DENIED', `Properties of this value are not accessible`, pos);
  }
  const key = String(name);
  assertAllowedName(key, pos);
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor || !descriptor.enumerable) return MISSING;
  return checkedValue(descriptor, key, pos);
}

function checkedValue(
  descriptor: PropertyDescriptor | undefined,
  name: string | number,
  pos?: number,
): unknown {
  if (!descriptor) return MISSING;
  if (!('value' in descriptor)) {
    throw new ExpressionError('DENIED', `Property '${name}' is an accessor and is not accessible`, pos);
  }
  const value: unknown = descriptor.value;
  if (value === undefined) return null;
  if (!isData(value)) {
    throw new ExpressionError(
      'DENIED',
      `Property '${name}' does not hold data (functions are not values)`,
      pos,
    );
  }
  return value;
}

/** Sets an own property without ever touching a prototype (`__proto__` and friends are refused). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown, pos?: number): void {
  assertAllowedName(key, pos);
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
