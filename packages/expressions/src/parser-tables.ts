import type { BinaryOp, Node } from './ast.js';

// Maps, never object literals: a user-controlled key such as `constructor` must find nothing.
/** Relational operators written as symbols. */
export const SYMBOL_RELATIONAL = new Map<string, BinaryOp>(
  Object.entries({
    '==': '==',
    '!=': '!=',
    '<': '<',
    '<=': '<=',
    '>': '>',
    '>=': '>=',
  } as Record<string, BinaryOp>),
);
/** Relational operators written as words (any case). */
export const WORD_RELATIONAL = new Map<string, BinaryOp>(
  Object.entries({
    eq: '==',
    ne: '!=',
    lt: '<',
    le: '<=',
    gt: '>',
    ge: '>=',
    matches: 'matches',
    between: 'between',
    instanceof: 'instanceof',
  } as Record<string, BinaryOp>),
);

/** In `{a: 1}` the key `a` is a name, not a lookup; literal keys become their string form. */
export function mapKey(node: Node): Node | string {
  if (node.type === 'ident') return node.name;
  if (node.type === 'literal') return String(node.value);
  return node;
}
