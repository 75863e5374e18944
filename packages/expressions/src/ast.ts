/**
 * The syntax tree of the SpEL subset. Plain data: the parser builds it once, the parse cache keeps
 * it, the interpreter walks it. `pos` is the offset of the node in the expression text.
 */

/** Any expression node. */
export type Node =
  | { type: 'literal'; value: string | number | boolean | null; real?: boolean; pos: number }
  | { type: 'ident'; name: string; pos: number }
  | { type: 'variable'; name: string; pos: number }
  | { type: 'function'; name: string; args: Node[]; pos: number }
  | { type: 'property'; target: Node; name: string; safe: boolean; pos: number }
  | { type: 'index'; target: Node | null; index: Node; safe: boolean; pos: number }
  | { type: 'method'; target: Node | null; name: string; args: Node[]; safe: boolean; pos: number }
  | {
      type: 'select';
      target: Node | null;
      mode: 'all' | 'first' | 'last';
      predicate: Node;
      safe: boolean;
      pos: number;
    }
  | { type: 'project'; target: Node | null; expr: Node; safe: boolean; pos: number }
  | { type: 'unary'; op: '!' | '-' | '+'; arg: Node; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { type: 'and' | 'or'; left: Node; right: Node; pos: number }
  | { type: 'ternary'; test: Node; then: Node; otherwise: Node; pos: number }
  | { type: 'elvis'; value: Node; fallback: Node; pos: number }
  | { type: 'list'; items: Node[]; pos: number }
  | { type: 'map'; entries: { key: Node | string; value: Node }[]; pos: number }
  | { type: 'typeref'; typeName: string; pos: number }
  | { type: 'new'; typeName: string; args: Node[]; pos: number };

/** Binary operators after normalisation of their word forms (`eq` → `==`, `div` → `/`, …). */
export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'matches'
  | 'between'
  | 'instanceof';
