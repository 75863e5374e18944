import type { Node } from './ast.js';
import { Budget } from './budget.js';
import type { EvaluationContext } from './context.js';
import { ExpressionError, isExpressionError } from './errors.js';
import { isPlainObject } from './guard.js';
import type { HelperDefinition } from './helpers/define-helper.js';
import { helperRegistry } from './helpers/index.js';
import { evaluateNode, type Scope } from './interpreter.js';
import { IoGate, PendingIo } from './io-gate.js';
import { springToString } from './java.js';
import { resolveLimits, type ExpressionLimits } from './limits.js';
import { parseExpressionCached, parseTemplateCached } from './parse-cache.js';
import type { TemplatePart } from './template.js';

/** Options of every evaluation entry point. */
export interface EvaluateOptions {
  /** Overrides of {@link ExpressionLimits}. */
  limits?: Partial<ExpressionLimits>;
  /** The helper registry; default {@link helperRegistry} (all built-in helpers). */
  helpers?: ReadonlyMap<string, HelperDefinition>;
}

/** The outcome of one template: its value, and whether a `${…}` part of a mixed string was null. */
export interface TemplateResult {
  value: unknown;
  /** True when a part of a mixed string resolved to null and was left as its `${…}` text. */
  unresolved: boolean;
}

/** Turns anything thrown into an ExpressionError (the only type callers ever see). */
export function toExpressionError(err: unknown): ExpressionError {
  if (isExpressionError(err)) return err;
  if (err instanceof PendingIo) {
    return new ExpressionError('URL', `${err.key} needs I/O: use the asynchronous evaluate functions`);
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new ExpressionError('LIMIT', 'Expression nesting is too deep to evaluate', undefined, {
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ExpressionError('EVALUATION', `Internal evaluator error: ${message}`, undefined, { cause: err });
}

/** A deep copy of a result as plain data, paying for its size; refuses cycles and oversize results. */
function finalResult(value: unknown, budget: Budget): unknown {
  let size = 0;
  const seen = new Set<unknown>();
  const copy = (v: unknown): unknown => {
    size++;
    if (typeof v === 'string') size += v.length >> 4;
    if (size > budget.limits.maxResultSize) {
      throw new ExpressionError(
        'LIMIT',
        `The result exceeds the maximum size of ${budget.limits.maxResultSize}`,
      );
    }
    if (v === undefined) return null;
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) throw new ExpressionError('LIMIT', 'The result contains a cycle');
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map(copy);
    else if (isPlainObject(v)) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v))
        Object.defineProperty(o, k, {
          value: copy(v[k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      out = o;
    } else throw new ExpressionError('DENIED', 'The result is not plain data');
    seen.delete(v);
    return out;
  };
  return copy(value);
}

function evaluateTemplateParts(parts: TemplatePart[], scope: Scope): TemplateResult {
  const root = scope.ctx.root;
  if (parts.length === 1 && parts[0]!.kind === 'expression') {
    return { value: finalResult(evaluateNode(parts[0]!.ast, root, scope), scope.budget), unresolved: false };
  }
  let out = '';
  let unresolved = false;
  for (const part of parts) {
    if (part.kind === 'literal') out += part.text;
    else {
      const text = springToString(evaluateNode(part.ast, root, scope));
      if (text === null) unresolved = true;
      out += text ?? `\${${part.text}}`;
    }
    scope.budget.string(out.length);
  }
  return { value: out, unresolved };
}

type Runner<T> = (scope: Scope) => T;

function newScope(ctx: EvaluationContext, options: EvaluateOptions): Scope {
  return {
    ctx,
    helpers: options.helpers ?? helperRegistry,
    budget: new Budget(resolveLimits(options.limits)),
    io: new IoGate(),
  };
}

function runSync<T>(ctx: EvaluationContext, options: EvaluateOptions, run: Runner<T>): T {
  try {
    return run(newScope(ctx, options));
  } catch (err) {
    throw toExpressionError(err);
  }
}

async function runAsync<T>(ctx: EvaluationContext, options: EvaluateOptions, run: Runner<T>): Promise<T> {
  const scope = newScope(ctx, options);
  for (;;) {
    try {
      return run(scope);
    } catch (err) {
      if (!(err instanceof PendingIo)) throw toExpressionError(err);
      if (++scope.budget.fetches > scope.budget.limits.maxUrlFetches) {
        throw new ExpressionError(
          'LIMIT',
          `More than ${scope.budget.limits.maxUrlFetches} I/O helper calls in one expression`,
        );
      }
      await scope.io.settle(err, scope.budget.remainingMs());
      scope.budget.checkClock();
    }
  }
}

const parseOpts = (options: EvaluateOptions) => {
  const limits = resolveLimits(options.limits);
  return { maxExpressionLength: limits.maxExpressionLength, maxNestingDepth: limits.maxNestingDepth };
};

function bare(expression: string | Node, options: EvaluateOptions): Node {
  return typeof expression === 'string' ? parseExpressionCached(expression, parseOpts(options)) : expression;
}

/** Evaluates a bare expression (no `${}`), synchronously; I/O helpers fail with code URL. */
export function evaluateExpressionSync(
  expression: string | Node,
  ctx: EvaluationContext,
  options: EvaluateOptions = {},
): unknown {
  return runSync(ctx, options, (scope) =>
    finalResult(evaluateNode(bare(expression, options), ctx.root, scope), scope.budget),
  );
}

/** Evaluates a bare expression (no `${}`), with I/O helpers allowed. */
export function evaluateExpression(
  expression: string | Node,
  ctx: EvaluationContext,
  options: EvaluateOptions = {},
): Promise<unknown> {
  return runAsync(ctx, options, (scope) =>
    finalResult(evaluateNode(bare(expression, options), ctx.root, scope), scope.budget),
  );
}

/** Parses a template through the cache, throwing only ExpressionError. */
export function templateParts(template: string, options: EvaluateOptions = {}): TemplatePart[] {
  try {
    return parseTemplateCached(template, parseOpts(options));
  } catch (err) {
    throw toExpressionError(err);
  }
}

/** Evaluates a `${…}` template string synchronously (typed result for a single expression). */
export function evaluateTemplateSync(
  template: string,
  ctx: EvaluationContext,
  options: EvaluateOptions = {},
): TemplateResult {
  const parts = templateParts(template, options);
  return runSync(ctx, options, (scope) => evaluateTemplateParts(parts, scope));
}

/** Evaluates a `${…}` template string, with I/O helpers allowed. */
export async function evaluateTemplate(
  template: string,
  ctx: EvaluationContext,
  options: EvaluateOptions = {},
): Promise<TemplateResult> {
  const parts = templateParts(template, options);
  return runAsync(ctx, options, (scope) => evaluateTemplateParts(parts, scope));
}
