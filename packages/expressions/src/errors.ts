/**
 * The one error type of the expression package. Every failure the evaluator reports — a syntax
 * error, a refused (sandboxed) access, a missing property, a blown limit, a failing helper — is an
 * {@link ExpressionError} with a stable {@link ExpressionErrorCode}.
 */

/** Why an expression failed. Stable strings: callers switch on them. */
export const ExpressionErrorCode = {
  /** The text is not a valid expression or template. */
  PARSE: 'PARSE',
  /** The expression is valid but failed at run time (type mismatch, bad index, …). */
  EVALUATION: 'EVALUATION',
  /** A property, key or stage the expression names does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The sandbox refused: reflection, `constructor`, `T(java.lang.Runtime)`, assignment, … */
  DENIED: 'DENIED',
  /** A size or step limit was exceeded (expression length, steps, result size, nesting). */
  LIMIT: 'LIMIT',
  /** The wall-time limit was exceeded. */
  TIMEOUT: 'TIMEOUT',
  /** A `#helper(...)` function failed (Spinnaker's SpelHelperFunctionException). */
  HELPER: 'HELPER',
  /** A URL helper was refused or its fetch failed. */
  URL: 'URL',
} as const;
/** See {@link ExpressionErrorCode}. */
export type ExpressionErrorCode = (typeof ExpressionErrorCode)[keyof typeof ExpressionErrorCode];

/** Everything the evaluator throws. `position` is a 0-based offset into the expression when known. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    readonly position?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for an {@link ExpressionError}, recognised by name and code too (duplicate package copies). */
export function isExpressionError(err: unknown): err is ExpressionError {
  return (
    err instanceof ExpressionError ||
    (err instanceof Error &&
      err.name === 'ExpressionError' &&
      typeof (err as unknown as { code?: unknown }).code === 'string' &&
      Object.prototype.hasOwnProperty.call(ExpressionErrorCode, (err as unknown as { code: string }).code))
  );
}
