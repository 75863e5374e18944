import type { BinaryOp, Node } from './ast.js';
import { ExpressionError } from './errors.js';
import { resolveJavaType } from './java-types.js';
import { tokenize, type Token } from './lexer.js';
import { mapKey, SYMBOL_RELATIONAL, WORD_RELATIONAL } from './parser-tables.js';
import { TokenCursor } from './token-cursor.js';
import { defaultLimits } from './limits.js';

/** Options of {@link parseExpression}. */
export interface ParseOptions {
  maxExpressionLength?: number;
  maxNestingDepth?: number;
}

/**
 * Parses one SpEL expression (the text between `${` and `}`) into an AST. Throws `ExpressionError`:
 * PARSE for bad syntax, DENIED for forms the sandbox never allows (assignment, bean references,
 * `++`, types outside the allow-list), LIMIT for text that is too long or too deeply nested.
 */
export function parseExpression(text: string, options: ParseOptions = {}): Node {
  const maxLength = options.maxExpressionLength ?? defaultLimits.maxExpressionLength;
  if (text.length > maxLength) {
    throw new ExpressionError(
      'LIMIT',
      `Expression length ${text.length} exceeds the maximum of ${maxLength} characters`,
    );
  }
  if (text.trim() === '') throw new ExpressionError('PARSE', 'The expression is empty', 0);
  return new Parser(tokenize(text), options.maxNestingDepth ?? defaultLimits.maxNestingDepth).parse();
}

class Parser extends TokenCursor {
  parse(): Node {
    const node = this.expression();
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(`Unexpected '${t.value}' at position ${t.pos}`, t.pos);
    return node;
  }

  private expression(): Node {
    const pos = this.peek().pos;
    this.enter(pos);
    let node = this.logical('or');
    if (this.isOp('=')) this.deny('Assignment is not allowed in pipeline expressions', this.peek().pos);
    if (this.isOp('?:')) {
      this.next();
      node = { type: 'elvis', value: node, fallback: this.expression(), pos };
    } else if (this.isOp('?')) {
      this.next();
      const then = this.expression();
      this.expect(':');
      node = { type: 'ternary', test: node, then, otherwise: this.expression(), pos };
    }
    this.depth--;
    return node;
  }

  private logical(kind: 'or' | 'and'): Node {
    const sub = (): Node => (kind === 'or' ? this.logical('and') : this.relational());
    let left = sub();
    const symbol = kind === 'or' ? '||' : '&&';
    while (this.isOp(symbol) || this.isWord(kind)) {
      const pos = this.next().pos;
      left = { type: kind, left, right: sub(), pos };
    }
    return left;
  }

  private relational(): Node {
    const left = this.sum();
    const t = this.peek();
    let op: BinaryOp | undefined;
    if (t.kind === 'op') op = SYMBOL_RELATIONAL.get(t.value);
    else if (t.kind === 'ident') op = WORD_RELATIONAL.get(t.value.toLowerCase());
    if (!op) return left;
    this.next();
    return { type: 'binary', op, left, right: this.sum(), pos: t.pos };
  }

  private sum(): Node {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      left = { type: 'binary', op: t.value as BinaryOp, left, right: this.product(), pos: t.pos };
    }
    return left;
  }

  private product(): Node {
    let left = this.power();
    for (;;) {
      const t = this.peek();
      let op: BinaryOp | undefined;
      if (t.kind === 'op' && (t.value === '*' || t.value === '/' || t.value === '%')) op = t.value;
      else if (this.isWord('div')) op = '/';
      else if (this.isWord('mod')) op = '%';
      if (!op) return left;
      this.next();
      left = { type: 'binary', op, left, right: this.power(), pos: t.pos };
    }
  }

  private power(): Node {
    const left = this.unary();
    if (this.isOp('^')) {
      const pos = this.next().pos;
      return { type: 'binary', op: '^', left, right: this.unary(), pos };
    }
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if (this.isOp('++') || this.isOp('--')) this.deny('Increment and decrement are not allowed', t.pos);
    if (this.isOp('!') || this.isOp('-') || this.isOp('+') || this.isWord('not')) {
      this.next();
      this.enter(t.pos);
      const arg = this.unary();
      this.depth--;
      const op = t.value === '-' || t.value === '+' ? t.value : '!';
      return { type: 'unary', op, arg, pos: t.pos };
    }
    return this.primary();
  }

  private primary(): Node {
    let node = this.start();
    for (;;) {
      const t = this.peek();
      if (this.isOp('.') || this.isOp('?.')) {
        this.next();
        node = this.dotted(node, t.value === '?.');
      } else if (this.isOp('[')) {
        this.next();
        node = { type: 'index', target: node, index: this.expression(), safe: false, pos: t.pos };
        this.expect(']');
      } else if (this.isOp('++') || this.isOp('--')) {
        this.deny('Increment and decrement are not allowed', t.pos);
      } else if (this.isOp('=') && !this.isOp('=', 1)) {
        this.deny('Assignment is not allowed in pipeline expressions', t.pos);
      } else {
        return node;
      }
    }
  }

  /** What may follow `.` or `?.`: a property, a method call, a selection or a projection. */
  private dotted(target: Node, safe: boolean): Node {
    const t = this.next();
    if (t.kind === 'ident') {
      if (this.isOp('('))
        return { type: 'method', target, name: t.value, args: this.args(), safe, pos: t.pos };
      return { type: 'property', target, name: t.value, safe, pos: t.pos };
    }
    if (t.kind === 'op' && (t.value === '?[' || t.value === '^[' || t.value === '$[' || t.value === '![')) {
      return this.selection(t, target, safe);
    }
    if (t.kind === 'op' && (t.value === '@' || t.value === '&'))
      this.deny('Bean references are not allowed', t.pos);
    return this.fail(`Expected a property or method name at position ${t.pos}`, t.pos);
  }

  private selection(t: Token, target: Node | null, safe: boolean): Node {
    this.enter(t.pos);
    const inner = this.expression();
    this.expect(']');
    this.depth--;
    if (t.value === '![') return { type: 'project', target, expr: inner, safe, pos: t.pos };
    const mode = t.value === '?[' ? 'all' : t.value === '^[' ? 'first' : 'last';
    return { type: 'select', target, mode, predicate: inner, safe, pos: t.pos };
  }

  private args(): Node[] {
    const open = this.expect('(');
    this.enter(open.pos);
    const args: Node[] = [];
    if (!this.isOp(')')) {
      do args.push(this.expression());
      while (this.isOp(',') && this.next());
    }
    this.expect(')');
    this.depth--;
    return args;
  }

  private qualifiedName(): { name: string; pos: number } {
    const first = this.next();
    if (first.kind !== 'ident') this.fail(`Expected a type name at position ${first.pos}`, first.pos);
    let name = first.value;
    while (this.isOp('.') && this.peek(1).kind === 'ident') {
      this.next();
      name += '.' + this.next().value;
    }
    return { name, pos: first.pos };
  }

  private start(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'num':
        return { type: 'literal', value: t.num!, real: t.real, pos: t.pos };
      case 'str':
        return { type: 'literal', value: t.value, pos: t.pos };
      case 'ident':
        return this.identifier(t);
      case 'eof':
        return this.fail('The expression ended unexpectedly', t.pos);
      default:
        break;
    }
    switch (t.value) {
      case '(': {
        this.enter(t.pos);
        const inner = this.expression();
        this.expect(')');
        this.depth--;
        return inner;
      }
      case '#': {
        const name = this.next();
        if (name.kind !== 'ident')
          this.fail(`Expected a variable or function name after '#' at position ${t.pos}`, t.pos);
        if (this.isOp('(')) return { type: 'function', name: name.value, args: this.args(), pos: t.pos };
        return { type: 'variable', name: name.value, pos: t.pos };
      }
      case '@':
      case '&':
        return this.deny('Bean references are not allowed', t.pos);
      case '{':
        return this.inline(t);
      case '[': {
        const index = this.expression();
        this.expect(']');
        return { type: 'index', target: null, index, safe: false, pos: t.pos };
      }
      case '?[':
      case '^[':
      case '$[':
      case '![':
        return this.selection(t, null, false);
      default:
        return this.fail(`Unexpected '${t.value}' at position ${t.pos}`, t.pos);
    }
  }

  private identifier(t: Token): Node {
    const lower = t.value.toLowerCase();
    if (lower === 'true' || lower === 'false')
      return { type: 'literal', value: lower === 'true', pos: t.pos };
    if (lower === 'null') return { type: 'literal', value: null, pos: t.pos };
    if (t.value === 'T' && this.isOp('(')) {
      this.next();
      const { name, pos } = this.qualifiedName();
      if (this.isOp('[')) this.deny(`Array types are not allowed: T(${name}[])`, pos);
      this.expect(')');
      return { type: 'typeref', typeName: this.allowedType(name, pos), pos: t.pos };
    }
    if (lower === 'new' && this.peek().kind === 'ident') {
      const { name, pos } = this.qualifiedName();
      if (this.isOp('[')) this.deny(`Creating arrays is not allowed: new ${name}[]`, pos);
      const typeName = this.allowedType(name, pos);
      return { type: 'new', typeName, args: this.args(), pos: t.pos };
    }
    if (this.isOp('('))
      return { type: 'method', target: null, name: t.value, args: this.args(), safe: false, pos: t.pos };
    return { type: 'ident', name: t.value, pos: t.pos };
  }

  private allowedType(name: string, pos: number): string {
    const resolved = resolveJavaType(name);
    if (!resolved) this.deny(`Type ${name} is not on the allow-list of pipeline expression types`, pos);
    return resolved;
  }

  private inline(open: Token): Node {
    this.enter(open.pos);
    let node: Node;
    if (this.isOp('}')) {
      this.next();
      node = { type: 'list', items: [], pos: open.pos };
    } else if (this.isOp(':') && this.isOp('}', 1)) {
      this.i += 2;
      node = { type: 'map', entries: [], pos: open.pos };
    } else {
      const first = this.expression();
      if (this.isOp(':')) {
        this.next();
        const entries = [{ key: mapKey(first), value: this.expression() }];
        while (this.isOp(',')) {
          this.next();
          const key = mapKey(this.expression());
          this.expect(':');
          entries.push({ key, value: this.expression() });
        }
        node = { type: 'map', entries, pos: open.pos };
      } else {
        const items = [first];
        while (this.isOp(',')) {
          this.next();
          items.push(this.expression());
        }
        node = { type: 'list', items, pos: open.pos };
      }
      this.expect('}');
    }
    this.depth--;
    return node;
  }
}
