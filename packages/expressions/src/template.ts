import type { Node } from './ast.js';
import { ExpressionError } from './errors.js';
import { parseExpression, type ParseOptions } from './parser.js';

/** One piece of a template: literal text, or an expression (its text, AST and offset of `${`). */
export type TemplatePart =
  { kind: 'literal'; text: string } | { kind: 'expression'; text: string; ast: Node; start: number };

/** True when `value` contains the `${` expression prefix (Spinnaker's `containsExpression`). */
export function containsExpression(value: string): boolean {
  return value.includes('${');
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Splits a string on `${ … }` the way Spring's TemplateAwareExpressionParser does: the closing `}`
 * is found by skipping balanced brackets and quoted strings, so `${ {a: '}'}['a'] }` is one
 * expression. Nested `${` is not supported (as in Spinnaker). Throws PARSE for an unterminated or
 * empty expression, or for an expression that does not parse.
 */
export function parseTemplate(text: string, options: ParseOptions = {}): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  while (from < text.length) {
    const start = text.indexOf('${', from);
    if (start < 0) {
      parts.push({ kind: 'literal', text: text.slice(from) });
      break;
    }
    if (start > from) parts.push({ kind: 'literal', text: text.slice(from, start) });
    const body = start + 2;
    const end = findSuffix(text, body);
    const source = text.slice(body, end);
    if (source.trim() === '') {
      throw new ExpressionError(
        'PARSE',
        `No expression defined within delimiter '\${}' at character ${start}`,
        start,
      );
    }
    let ast: Node;
    try {
      ast = parseExpression(source, options);
    } catch (err) {
      if (err instanceof ExpressionError && err.position !== undefined) {
        throw new ExpressionError(err.code, err.message, err.position + body, { cause: err });
      }
      throw err;
    }
    parts.push({ kind: 'expression', text: source, ast, start });
    from = end + 1;
  }
  return parts;
}

function findSuffix(text: string, from: number): number {
  const stack: string[] = [];
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '}' && stack.length === 0) return i;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0)
        throw new ExpressionError(
          'PARSE',
          `Found non terminating string literal starting at position ${i}`,
          i,
        );
      i = close;
      continue;
    }
    if (OPEN.includes(c)) stack.push(c);
    else if (CLOSE.includes(c)) {
      const open = stack.pop();
      if (open === undefined || OPEN.indexOf(open) !== CLOSE.indexOf(c)) {
        throw new ExpressionError(
          'PARSE',
          `Found closing '${c}' at position ${i} without an opening bracket`,
          i,
        );
      }
    }
  }
  throw new ExpressionError(
    'PARSE',
    `No ending suffix '}' for expression starting at character ${from - 2}`,
    from - 2,
  );
}

/** The expression source of a template as Spinnaker keys its summary: the parts' texts joined. */
export function templateExpressionText(parts: TemplatePart[]): string {
  return parts.map((p) => (p.kind === 'expression' ? p.text : '')).join('');
}
