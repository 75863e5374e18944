/**
 * A small, sandboxed subset of SpEL for the minimal evaluator: literals, property paths and
 * indexers, `#helper(args)`, `!`, `==` `!=` `<` `>` `<=` `>=`, `and`/`or`/`&&`/`||`, ternary and
 * elvis, parentheses. It builds an AST and interprets it; nothing is ever passed to eval.
 */

/** An expression AST node. */
export type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'id'; name: string }
  | { t: 'prop'; obj: Node; name: string; safe: boolean }
  | { t: 'index'; obj: Node; key: Node }
  | { t: 'fn'; name: string; args: Node[] }
  | { t: 'call'; obj: Node; name: string; args: Node[] }
  | { t: 'not'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'elvis'; a: Node; b: Node };

/** An expression that cannot be parsed. */
export class ExpressionSyntaxError extends Error {
  override name = 'ExpressionSyntaxError';
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|('(?:[^']|'')*'|"(?:[^"]|"")*")|(==|!=|<=|>=|&&|\|\||\?:|\?\.|[()[\].,?:!<>#])|([A-Za-z_$][\w$]*))/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m)
      throw new ExpressionSyntaxError(`unexpected character at ${start}: ${src.slice(start, start + 10)}`);
    out.push(m[0].trim());
  }
  return out;
}

const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype', 'getClass', 'class', 'T', 'new']);

/** Parses an expression into an AST. */
export function parse(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const take = (expected?: string): string => {
    const tok = toks[i];
    if (tok === undefined || (expected !== undefined && tok !== expected))
      throw new ExpressionSyntaxError(`expected ${expected ?? 'more input'} but found ${tok ?? 'end'}`);
    i += 1;
    return tok;
  };
  const name = (tok: string) => {
    if (FORBIDDEN.has(tok)) throw new ExpressionSyntaxError(`"${tok}" is not allowed`);
    return tok;
  };
  const args = (): Node[] => {
    take('(');
    const list: Node[] = [];
    while (peek() !== ')') {
      list.push(ternary());
      if (peek() === ',') take(',');
      else break;
    }
    take(')');
    return list;
  };
  const primary = (): Node => {
    const tok = take();
    if (tok === '(') {
      const e = ternary();
      take(')');
      return e;
    }
    if (tok === '!') return { t: 'not', e: postfix(primary()) };
    if (tok === '#') {
      const fn = name(take());
      return peek() === '(' ? { t: 'fn', name: fn, args: args() } : { t: 'id', name: `#${fn}` };
    }
    if (/^\d/.test(tok)) return { t: 'lit', v: Number(tok) };
    if (tok[0] === "'" || tok[0] === '"')
      return { t: 'lit', v: tok.slice(1, -1).replaceAll(tok[0] + tok[0], tok[0]) };
    if (tok === 'true' || tok === 'false') return { t: 'lit', v: tok === 'true' };
    if (tok === 'null') return { t: 'lit', v: null };
    if (/^[A-Za-z_$]/.test(tok)) return { t: 'id', name: name(tok) };
    throw new ExpressionSyntaxError(`unexpected "${tok}"`);
  };
  const postfix = (node: Node): Node => {
    for (;;) {
      const tok = peek();
      if (tok === '.' || tok === '?.') {
        take();
        const prop = name(take());
        node =
          peek() === '('
            ? { t: 'call', obj: node, name: prop, args: args() }
            : { t: 'prop', obj: node, name: prop, safe: tok === '?.' };
      } else if (tok === '[') {
        take('[');
        node = { t: 'index', obj: node, key: ternary() };
        take(']');
      } else return node;
    }
  };
  const PREC: Record<string, number> = {
    or: 1,
    '||': 1,
    and: 2,
    '&&': 2,
    '==': 3,
    '!=': 3,
    '<': 4,
    '>': 4,
    '<=': 4,
    '>=': 4,
  };
  const binary = (min: number): Node => {
    let left = postfix(primary());
    for (let op = peek(); op !== undefined && (PREC[op] ?? 0) >= min && PREC[op]; op = peek()) {
      take();
      left = { t: 'bin', op, l: left, r: binary(PREC[op]! + 1) };
    }
    return left;
  };
  const ternary = (): Node => {
    const c = binary(1);
    if (peek() === '?:') {
      take();
      return { t: 'elvis', a: c, b: ternary() };
    }
    if (peek() !== '?') return c;
    take('?');
    const a = ternary();
    take(':');
    return { t: 'cond', c, a, b: ternary() };
  };
  const node = ternary();
  if (i < toks.length) throw new ExpressionSyntaxError(`unexpected "${toks[i]}"`);
  return node;
}
