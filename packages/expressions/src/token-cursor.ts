import { ExpressionError } from './errors.js';
import type { Token } from './lexer.js';

/** The token-level half of the parser: look-ahead, expectations, errors and the nesting guard. */
export class TokenCursor {
  protected i = 0;
  protected depth = 0;
  constructor(
    protected readonly toks: Token[],
    protected readonly maxDepth: number,
  ) {}

  protected peek(offset = 0): Token {
    return this.toks[Math.min(this.i + offset, this.toks.length - 1)]!;
  }
  protected next(): Token {
    return this.toks[this.i++]!;
  }
  protected isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.value === value;
  }
  protected isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.value.toLowerCase() === word;
  }
  protected expect(value: string): Token {
    const t = this.next();
    if (t.kind !== 'op' || t.value !== value) {
      this.fail(
        t.kind === 'eof'
          ? `Expected '${value}' but the expression ended`
          : `Expected '${value}' at position ${t.pos} but found '${t.value}'`,
        t.pos,
      );
    }
    return t;
  }
  protected fail(message: string, pos: number): never {
    throw new ExpressionError('PARSE', message, pos);
  }
  protected deny(message: string, pos: number): never {
    throw new ExpressionError('DENIED', message, pos);
  }
  protected enter(pos: number): void {
    if (++this.depth > this.maxDepth) {
      throw new ExpressionError(
        'LIMIT',
        `Expression nesting exceeds the maximum depth of ${this.maxDepth}`,
        pos,
      );
    }
  }
}
