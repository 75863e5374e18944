import { randomUUID } from 'node:crypto';
import { ExpressionError } from './errors.js';
import { isPlainObject } from './guard.js';
import { javaToString } from './java.js';

/**
 * The Java types an expression may name in `T(...)` or `new ...(...)`. Spinnaker's kork allow-list
 * (`InstantiationTypeRestrictor`) is the model; only the members pipelines actually use are
 * implemented, each as a pure function of its arguments. Everything else — `java.lang.Runtime`,
 * `java.lang.System`, `java.lang.Class`, `java.lang.ProcessBuilder`, … — is refused at parse time.
 */

type Fn = (args: [unknown?, unknown?, ...unknown[]]) => unknown;

/** One allow-listed type: its static methods and fields, its constructor, its instanceof test. */
interface JavaType {
  statics: ReadonlyMap<string, Fn>;
  fields: ReadonlyMap<string, unknown>;
  construct?: Fn;
  isInstance: (value: unknown) => boolean;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function numberFormat(input: unknown): never {
  throw new ExpressionError(
    'EVALUATION',
    `NumberFormatException: For input string: "${javaToString(input)}"`,
  );
}

/** `Integer.parseInt` / `Long.parseLong`: an optional sign and decimal digits, within range. */
export function parseJavaInteger(input: unknown, min = INT_MIN, max = INT_MAX, radix = 10): number {
  if (typeof input === 'number' && Number.isInteger(input)) return input;
  if (typeof input !== 'string') return numberFormat(input);
  const digits = radix === 16 ? /^[+-]?[0-9a-fA-F]+$/ : /^[+-]?\d+$/;
  if (!digits.test(input)) return numberFormat(input);
  const n = parseInt(input, radix);
  if (n < min || n > max) return numberFormat(input);
  return n;
}

/** `Double.parseDouble`: Java accepts surrounding whitespace, a sign, decimals, exponents, NaN, Infinity. */
export function parseJavaDouble(input: unknown): number {
  if (typeof input === 'number') return input;
  if (typeof input !== 'string') return numberFormat(input);
  const s = input.trim().replace(/[dDfF]$/, '');
  if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(s)) return numberFormat(input);
  return Number(s);
}

const num = (v: unknown): number => {
  if (typeof v !== 'number') {
    throw new ExpressionError('EVALUATION', `Expected a number but got ${javaToString(v)}`);
  }
  return v;
};
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const m = (entries: Record<string, Fn>): ReadonlyMap<string, Fn> => new Map(Object.entries(entries));
const f = (entries: Record<string, unknown>): ReadonlyMap<string, unknown> =>
  new Map(Object.entries(entries));

const integerType = (min: number, max: number): JavaType => ({
  statics: m({
    parseInt: ([s, r]) => parseJavaInteger(s, min, max, r === undefined ? 10 : num(r)),
    parseLong: ([s]) => parseJavaInteger(s, min, max),
    valueOf: ([s]: unknown[]) => parseJavaInteger(s, min, max),
    toString: ([n]: unknown[]) => javaToString(num(n)),
    max: ([a, b]) => Math.max(num(a), num(b)),
    min: ([a, b]) => Math.min(num(a), num(b)),
    sum: ([a, b]) => num(a) + num(b),
  }),
  fields: f({ MAX_VALUE: max, MIN_VALUE: min }),
  construct: ([s]) => parseJavaInteger(s, min, max),
  isInstance: isInt,
});

const doubleType: JavaType = {
  statics: m({
    parseDouble: ([s]) => parseJavaDouble(s),
    parseFloat: ([s]) => parseJavaDouble(s),
    valueOf: ([s]: unknown[]) => parseJavaDouble(s),
    toString: ([n]: unknown[]) => javaToString(num(n)),
    isNaN: ([n]) => Number.isNaN(num(n)),
  }),
  fields: f({ MAX_VALUE: Number.MAX_VALUE, MIN_VALUE: Number.MIN_VALUE }),
  construct: ([s]) => parseJavaDouble(s),
  isInstance: (v) => typeof v === 'number',
};

const parseBoolean = (s: unknown): boolean =>
  typeof s === 'boolean' ? s : typeof s === 'string' && s.toLowerCase() === 'true';

const TYPES = new Map<string, JavaType>([
  [
    'java.lang.Math',
    {
      statics: m({
        abs: ([a]) => Math.abs(num(a)),
        max: ([a, b]) => Math.max(num(a), num(b)),
        min: ([a, b]) => Math.min(num(a), num(b)),
        round: ([a]) => Math.floor(num(a) + 0.5),
        floor: ([a]) => Math.floor(num(a)),
        ceil: ([a]) => Math.ceil(num(a)),
        pow: ([a, b]) => Math.pow(num(a), num(b)),
        sqrt: ([a]) => Math.sqrt(num(a)),
        signum: ([a]) => Math.sign(num(a)),
        floorDiv: ([a, b]) => Math.floor(num(a) / num(b)),
        floorMod: ([a, b]) => ((num(a) % num(b)) + num(b)) % num(b),
        random: () => Math.random(),
      }),
      fields: f({ PI: Math.PI, E: Math.E }),
      isInstance: () => false,
    },
  ],
  ['java.lang.Integer', integerType(INT_MIN, INT_MAX)],
  ['java.lang.Long', integerType(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)],
  ['java.lang.Double', doubleType],
  ['java.lang.Float', doubleType],
  [
    'java.lang.Boolean',
    {
      statics: m({
        parseBoolean: ([s]) => parseBoolean(s),
        valueOf: ([s]: unknown[]) => parseBoolean(s),
        toString: ([b]: unknown[]) => String(b),
      }),
      fields: f({ TRUE: true, FALSE: false }),
      construct: ([s]) => parseBoolean(s),
      isInstance: (v) => typeof v === 'boolean',
    },
  ],
  [
    'java.lang.String',
    {
      statics: m({
        valueOf: ([v]: unknown[]) => javaToString(v),
        join: ([sep, ...rest]) => {
          const parts = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest;
          return parts.map(javaToString).join(javaToString(sep));
        },
      }),
      fields: f({}),
      construct: ([s]) => (s === undefined ? '' : javaToString(s)),
      isInstance: (v) => typeof v === 'string',
    },
  ],
  [
    'java.util.UUID',
    {
      statics: m({
        randomUUID: () => randomUUID(),
        fromString: ([s]) => {
          if (
            typeof s !== 'string' ||
            !/^[0-9a-fA-F]{1,8}(-[0-9a-fA-F]{1,4}){3}-[0-9a-fA-F]{1,12}$/.test(s)
          ) {
            throw new ExpressionError('EVALUATION', `Invalid UUID string: ${javaToString(s)}`);
          }
          return s.toLowerCase();
        },
      }),
      fields: f({}),
      isInstance: () => false,
    },
  ],
  [
    'java.time.Instant',
    {
      statics: m({
        now: () => new Date().toISOString(),
        ofEpochMilli: ([ms]) => new Date(num(ms)).toISOString(),
        ofEpochSecond: ([s]) => new Date(num(s) * 1000).toISOString(),
        parse: ([s]) => {
          const d = typeof s === 'string' ? new Date(s) : new Date(NaN);
          if (Number.isNaN(d.getTime()))
            throw new ExpressionError('EVALUATION', `Text '${javaToString(s)}' could not be parsed`);
          return d.toISOString();
        },
      }),
      fields: f({}),
      isInstance: () => false,
    },
  ],
  ['java.lang.Number', { statics: m({}), fields: f({}), isInstance: (v) => typeof v === 'number' }],
  ['java.util.List', { statics: m({}), fields: f({}), isInstance: (v) => Array.isArray(v) }],
  ['java.util.Map', { statics: m({}), fields: f({}), isInstance: (v) => isPlainObject(v) }],
]);

const SHORT_NAMES = new Map<string, string>(
  [...TYPES.keys()].filter((k) => k.startsWith('java.lang.')).map((k) => [k.slice('java.lang.'.length), k]),
);

/** The canonical allow-listed type for `name` (`Math` or `java.lang.Math`), or undefined. */
export function resolveJavaType(name: string): string | undefined {
  if (TYPES.has(name)) return name;
  return SHORT_NAMES.get(name);
}

function typeOf(typeName: string): JavaType {
  const type = TYPES.get(typeName);
  if (!type) throw new ExpressionError('DENIED', `Type ${typeName} is not allowed`);
  return type;
}

/** Calls `T(typeName).name(args)`; throws EVALUATION for an unknown static method. */
export function callStatic(typeName: string, name: string, args: unknown[]): unknown {
  const fn = typeOf(typeName).statics.get(name);
  if (!fn) {
    throw new ExpressionError(
      'EVALUATION',
      `EL1004E: Method call: Method ${name}() cannot be found on type ${typeName}`,
    );
  }
  return fn(args);
}

/** Reads `T(typeName).NAME`; throws EVALUATION for an unknown field. */
export function staticField(typeName: string, name: string): unknown {
  const fields = typeOf(typeName).fields;
  if (!fields.has(name)) {
    throw new ExpressionError(
      'EVALUATION',
      `EL1008E: Property or field '${name}' cannot be found on type ${typeName}`,
    );
  }
  return fields.get(name);
}

/** `new typeName(args)` for the allow-listed value types (Integer, Long, Double, Float, Boolean, String). */
export function construct(typeName: string, args: unknown[]): unknown {
  const ctor = typeOf(typeName).construct;
  if (!ctor) throw new ExpressionError('DENIED', `Creating instances of ${typeName} is not allowed`);
  return ctor(args);
}

/** `value instanceof T(typeName)`. */
export function isInstanceOf(value: unknown, typeName: string): boolean {
  return typeOf(typeName).isInstance(value);
}
