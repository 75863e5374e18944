import { ExpressionError } from './errors.js';

/** Token kinds of the SpEL subset. Operators are kind `op` with their text in `value`. */
export type TokenKind = 'num' | 'str' | 'ident' | 'op' | 'eof';

/** One token: kind, value (text, or the parsed number) and its offset in the expression. */
export interface Token {
  kind: TokenKind;
  value: string;
  num?: number;
  /** A real (floating-point) literal such as `1.5` or `2d`, as opposed to an integer. */
  real?: boolean;
  pos: number;
}

// Longest first: a prefix must come after every operator it begins.
const OPERATORS = [
  '?.',
  '?[',
  '^[',
  '$[',
  '![',
  '?:',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '++',
  '--',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '?',
  '<',
  '>',
  '!',
  '#',
  '@',
  '&',
  '=',
];

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** Splits an expression into tokens. Throws `ExpressionError` (PARSE) on a character SpEL rejects. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      // SpEL escapes a quote by doubling it: 'it''s', "say ""hi""".
      let out = '';
      i++;
      for (;;) {
        if (i >= n)
          throw new ExpressionError('PARSE', `Non-terminating quoted string at position ${start}`, start);
        const ch = text[i]!;
        if (ch === c) {
          if (text[i + 1] === c) {
            out += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += ch;
        i++;
      }
      tokens.push({ kind: 'str', value: out, pos: start });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      tokens.push(readNumber(text, i));
      i += tokens[tokens.length - 1]!.value.length;
      continue;
    }
    if (isIdentStart(c) && !(c === '$' && text[i + 1] === '[')) {
      while (i < n && isIdentPart(text[i]!)) i++;
      tokens.push({ kind: 'ident', value: text.slice(start, i), pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new ExpressionError('PARSE', `Unexpected character '${c}' at position ${i}`, i);
    tokens.push({ kind: 'op', value: op, pos: start });
    i += op.length;
  }
  tokens.push({ kind: 'eof', value: '', pos: n });
  return tokens;
}

/** Reads a numeric literal: decimal, hex (`0x1F`), real (`1.5`, `1e3`), with Java suffixes L/l, F/f, D/d. */
function readNumber(text: string, start: number): Token {
  const hex = /^0[xX][0-9a-fA-F]+[lL]?/.exec(text.slice(start, start + 40));
  if (hex) {
    const digits = hex[0].replace(/[lL]$/, '').slice(2);
    return { kind: 'num', value: hex[0], num: parseInt(digits, 16), pos: start };
  }
  const m = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?([lLfFdD])?/.exec(text.slice(start, start + 400));
  const raw = m![0];
  const suffix = m![1];
  const body = suffix ? raw.slice(0, -1) : raw;
  const real = /[.eE]/.test(body) || suffix === 'f' || suffix === 'F' || suffix === 'd' || suffix === 'D';
  // A following identifier character means something like 12abc: not a number SpEL accepts.
  const next = text[start + raw.length] ?? '';
  if (isIdentStart(next)) {
    throw new ExpressionError('PARSE', `Malformed number at position ${start}`, start);
  }
  return { kind: 'num', value: raw, num: Number(body), real, pos: start };
}
