/** Bounds on one evaluation. Every one is enforced; a breach is an `ExpressionError` (LIMIT/TIMEOUT). */
export interface ExpressionLimits {
  /** Longest expression text accepted (Spring's default `maxExpressionLength` is 10,000). */
  maxExpressionLength: number;
  /** Deepest syntactic nesting (parentheses, lists, calls) accepted by the parser. */
  maxNestingDepth: number;
  /** Evaluation steps (AST nodes visited, elements scanned, values compared) per evaluation. */
  maxSteps: number;
  /** Wall time per evaluation, in milliseconds (I/O helpers included). */
  timeoutMs: number;
  /** Longest string any operation may produce. */
  maxStringLength: number;
  /** Most elements any list or map an operation produces may hold. */
  maxCollectionSize: number;
  /** Most values (nodes plus string characters / 16) in a final result. */
  maxResultSize: number;
  /** Longest input string a `matches`/`split`/`replaceAll` regular expression is run on. */
  maxRegexInputLength: number;
  /** URL helper calls allowed in one evaluation. */
  maxUrlFetches: number;
}

/** The defaults: generous for real pipelines, tight enough that no expression can hurt the process. */
export const defaultLimits: Readonly<ExpressionLimits> = Object.freeze({
  maxExpressionLength: 10_000,
  maxNestingDepth: 64,
  maxSteps: 200_000,
  timeoutMs: 1_000,
  maxStringLength: 1_000_000,
  maxCollectionSize: 100_000,
  maxResultSize: 1_000_000,
  maxRegexInputLength: 10_000,
  maxUrlFetches: 4,
});

/** Defaults overridden by `overrides`. */
export function resolveLimits(overrides?: Partial<ExpressionLimits>): ExpressionLimits {
  return { ...defaultLimits, ...overrides };
}
