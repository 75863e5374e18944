import type { BinaryOp } from './ast.js';
import type { Budget } from './budget.js';
import { ExpressionError } from './errors.js';
import { javaEquals, javaTypeName, plusToString } from './java.js';
import { safeRegExp } from './safe-regex.js';
import { compareStrings } from './string-methods.js';

const NAMES: Record<string, string> = {
  '+': 'ADD',
  '-': 'SUBTRACT',
  '*': 'MULTIPLY',
  '/': 'DIVIDE',
  '%': 'MODULUS',
  '^': 'POWER',
};

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new ExpressionError(
    'EVALUATION',
    `EL1030E: The operator '${NAMES[op] ?? op}' is not supported between objects of type '${javaTypeName(a)}' and '${javaTypeName(b)}'`,
  );
}

const bothInts = (a: number, b: number): boolean => Number.isInteger(a) && Number.isInteger(b);

/** SpEL's arithmetic and string operators (`+ - * / % ^`). */
export function arithmetic(op: BinaryOp, a: unknown, b: unknown, budget: Budget, real = false): unknown {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) {
    const out = plusToString(a) + plusToString(b);
    budget.string(out.length);
    return out;
  }
  if (op === '*' && typeof a === 'string' && typeof b === 'number' && Number.isInteger(b)) {
    // SpEL repeats a string multiplied by an int: 'ab' * 3 is 'ababab'.
    if (b < 0) unsupported(op, a, b);
    budget.string(a.length * b);
    return a.repeat(b);
  }
  if (typeof a !== 'number' || typeof b !== 'number') return unsupported(op, a, b);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (!real && bothInts(a, b)) {
        if (b === 0) throw new ExpressionError('EVALUATION', 'ArithmeticException: / by zero');
        return Math.trunc(a / b);
      }
      return a / b;
    case '%':
      if (!real && bothInts(a, b) && b === 0)
        throw new ExpressionError('EVALUATION', 'ArithmeticException: / by zero');
      return a % b;
    case '^':
      return Math.pow(a, b);
    default:
      return unsupported(op, a, b);
  }
}

/** SpEL's ordering (StandardTypeComparator): numbers, strings, booleans; null sorts first. */
export function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  throw new ExpressionError(
    'EVALUATION',
    `EL1033E: Cannot compare instances of ${javaTypeName(a)} and ${javaTypeName(b)}`,
  );
}

/** `== != < <= > >= matches between` (instanceof is handled by the interpreter). */
export function relational(op: BinaryOp, a: unknown, b: unknown, budget: Budget): boolean {
  switch (op) {
    case '==':
      return javaEquals(a, b, () => budget.tick());
    case '!=':
      return !javaEquals(a, b, () => budget.tick());
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
    case 'matches':
      if (typeof a !== 'string' || typeof b !== 'string') {
        throw new ExpressionError(
          'EVALUATION',
          `EL1004E: 'matches' needs a String on both sides, not ${javaTypeName(a)} and ${javaTypeName(b)}`,
        );
      }
      return safeRegExp(b, a, budget.limits.maxRegexInputLength, 'full').test(a);
    case 'between':
      if (!Array.isArray(b) || b.length !== 2) {
        throw new ExpressionError(
          'EVALUATION',
          "EL1040E: Right operand for the 'between' operator has to be a two-element list",
        );
      }
      return compare(a, b[0]) >= 0 && compare(a, b[1]) <= 0;
    default:
      throw new ExpressionError('EVALUATION', `Unsupported operator ${op}`);
  }
}
