import { ExpressionError } from './errors.js';
import { isPlainObject } from './guard.js';

/**
 * Java/Spring value semantics the evaluator copies: type names for messages, `toString()` forms,
 * Spring's conversions to String and boolean, and `equals`.
 */

/** The Java type Spinnaker would report for a value (used in error messages). */
export function javaTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (isPlainObject(value)) return 'java.util.LinkedHashMap';
  return 'java.lang.Object';
}

/** A number the way Java prints it (integers without a fraction; NaN and infinities by name). */
export function javaNumberString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** `String.valueOf(value)`: Java's `toString()` — lists as `[1, 2]`, maps as `{a=1, b=2}`. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumberString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaToString(v)}`)
      .join(', ')}}`;
  }
  return 'java.lang.Object';
}

/**
 * Spring's conversion of a value to String, used for each `${…}` part of a mixed template: scalars
 * print, null stays null, collections join their elements with `,` (CollectionToStringConverter),
 * and a map has no converter at all, so it is an error exactly as in Spinnaker.
 */
export function springToString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => springToString(v) ?? 'null').join(',');
  if (isPlainObject(value)) {
    throw new ExpressionError(
      'EVALUATION',
      'EL1001E: Type conversion problem, cannot convert from java.util.LinkedHashMap<?, ?> to java.lang.String',
    );
  }
  return javaToString(value);
}

/** The String side of SpEL's `+`: Spring's conversion where one exists, else `String.valueOf`. */
export function plusToString(value: unknown): string {
  if (isPlainObject(value)) return javaToString(value);
  return springToString(value) ?? 'null';
}

/** Spring's conversion to boolean: booleans, and the strings true/on/yes/1 and false/off/no/0. */
export function toBooleanValue(value: unknown, what = 'value'): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true' || s === 'on' || s === 'yes' || s === '1') return true;
    if (s === 'false' || s === 'off' || s === 'no' || s === '0') return false;
    throw new ExpressionError(
      'EVALUATION',
      `EL1001E: Type conversion problem, invalid boolean value '${value}' for ${what}`,
    );
  }
  throw new ExpressionError(
    'EVALUATION',
    `EL1001E: Type conversion problem, cannot convert from ${javaTypeName(value)} to boolean for ${what}`,
  );
}

/** Java `equals` on JSON-like values (deep for lists and maps); `tick` pays for each visited value. */
export function javaEquals(a: unknown, b: unknown, tick: () => void): boolean {
  tick();
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!javaEquals(a[i], b[i], tick)) return false;
    return true;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !javaEquals(a[k], b[k], tick)) return false;
    }
    return true;
  }
  return false;
}
