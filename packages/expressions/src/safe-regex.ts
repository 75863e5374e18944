import { ExpressionError } from './errors.js';

/**
 * Regular expressions from users (`matches`, `split`, `replaceAll`, `replaceFirst`) run on V8's
 * backtracking engine, which cannot be interrupted from inside the process. So instead of a time cap
 * the pattern is screened before it runs:
 *
 * - backreferences, lookbehind, atomic groups, possessive quantifiers and Java-only escapes are
 *   refused (the first three are the source of super-linear matching; the rest would silently mean
 *   something else in JavaScript);
 * - an unbounded quantifier (`*`, `+`, `{n,}`, `{n,m}` with m > 16) applied to a group that itself
 *   contains a quantifier or an alternation — the classic exponential shapes `(a+)+`, `(a|a)*` — is
 *   refused;
 * - the input length is capped so that `length ^ (unbounded quantifiers)` stays within a fixed work
 *   budget, bounding the polynomial worst case of patterns like `a*a*a*b`.
 */

const MAX_PATTERN_LENGTH = 1_000;
/** The work budget: input length raised to the number of unbounded quantifiers may not exceed it. */
const WORK_BUDGET = 1e8;
const UNSUPPORTED_ESCAPES = new Set(['A', 'Z', 'z', 'G', 'Q', 'E', 'p', 'P', 'h', 'H', 'R', 'X', 'k']);

/** A screened pattern: the JavaScript RegExp source and how many unbounded quantifiers it has. */
export interface ScreenedPattern {
  source: string;
  flags: string;
  unbounded: number;
}

const cache = new Map<string, ScreenedPattern>();

/** Screens a Java regular expression; throws DENIED/PARSE with the reason when it is refused. */
export function screenPattern(pattern: string): ScreenedPattern {
  const hit = cache.get(pattern);
  if (hit) return hit;
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new ExpressionError('LIMIT', `Regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    if (inline[1]!.includes('x')) deny('the (?x) comments flag is not supported');
    flags = [...new Set(inline[1])].join('');
    source = source.slice(inline[0].length);
  }
  // A stack of open groups: does the group contain a quantifier or an alternation?
  const groups: { risky: boolean }[] = [{ risky: false }];
  let unbounded = 0;
  let lastGroupRisky = false;
  let atomEnd = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const wasGroupEnd = lastGroupRisky;
    lastGroupRisky = false;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      if (e >= '1' && e <= '9') deny('backreferences are not allowed');
      if (UNSUPPORTED_ESCAPES.has(e)) deny(`the escape \\${e} is not supported`);
      i++;
      atomEnd = true;
      continue;
    }
    if (c === '[') {
      i = skipClass(source, i);
      atomEnd = true;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) deny('lookbehind is not allowed');
      if (source.startsWith('(?>', i)) deny('atomic groups are not supported');
      if (source.startsWith('(?', i) && !/^\(\?(?::|=|!|<[A-Za-z])/.test(source.slice(i, i + 4))) {
        deny('inline flags are only supported at the start of the pattern');
      }
      groups.push({ risky: false });
      atomEnd = false;
      continue;
    }
    if (c === ')') {
      const closed = groups.pop();
      if (!closed || groups.length === 0)
        throw new ExpressionError('PARSE', `Unmatched ')' in regular expression`);
      lastGroupRisky = closed.risky;
      if (closed.risky) groups[groups.length - 1]!.risky = true;
      atomEnd = true;
      continue;
    }
    if (c === '|') {
      groups[groups.length - 1]!.risky = true;
      atomEnd = false;
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (!atomEnd) throw new ExpressionError('PARSE', `Dangling quantifier '${c}' in regular expression`);
      const next = source[i + quantifier.length];
      if (next === '+') deny('possessive quantifiers are not supported');
      if (quantifier.unbounded) {
        if (wasGroupEnd) deny('nested quantifiers such as (a+)+ or (a|b)* are not allowed');
        unbounded++;
      }
      groups[groups.length - 1]!.risky = true;
      i += quantifier.length - 1 + (next === '?' ? 1 : 0);
      atomEnd = false;
      continue;
    }
    atomEnd = true;
  }
  if (groups.length !== 1) throw new ExpressionError('PARSE', 'Unclosed group in regular expression');
  try {
    new RegExp(source, flags);
  } catch (err) {
    throw new ExpressionError('PARSE', `Invalid regular expression: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  }
  const screened = { source, flags, unbounded };
  if (cache.size > 500) cache.clear();
  cache.set(pattern, screened);
  return screened;
}

/** The longest input a screened pattern may run on, from the work budget and the global cap. */
export function maxInputFor(screened: ScreenedPattern, cap: number): number {
  if (screened.unbounded <= 1) return cap;
  return Math.min(cap, Math.floor(Math.pow(WORK_BUDGET, 1 / screened.unbounded)));
}

/**
 * A RegExp for `pattern`, checked against `input`: `full` anchors it (Java `matches`), `global`
 * adds the g flag (replace all). Throws LIMIT when the input is too long for this pattern.
 */
export function safeRegExp(
  pattern: string,
  input: string,
  cap: number,
  mode: 'full' | 'global' | 'first',
): RegExp {
  const screened = screenPattern(pattern);
  const max = maxInputFor(screened, cap);
  if (input.length > max) {
    throw new ExpressionError(
      'LIMIT',
      `Input of ${input.length} characters is too long for this regular expression (maximum ${max})`,
    );
  }
  const source = mode === 'full' ? `^(?:${screened.source})$` : screened.source;
  return new RegExp(source, screened.flags + (mode === 'global' ? 'g' : ''));
}

function deny(reason: string): never {
  throw new ExpressionError('DENIED', `Regular expression refused: ${reason}`);
}

function skipClass(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] === '[') deny('nested character classes are not supported');
    if (source[i] === ']') return i;
  }
  throw new ExpressionError('PARSE', 'Unclosed character class in regular expression');
}

function readQuantifier(source: string, i: number): { length: number; unbounded: boolean } | undefined {
  const c = source[i];
  if (c === '*' || c === '+') return { length: 1, unbounded: true };
  if (c === '?') return { length: 1, unbounded: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, unbounded: max > 16 };
}
