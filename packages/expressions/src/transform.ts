import type { EvaluationContext } from './context.js';
import type { ExpressionError } from './errors.js';
import { evaluateTemplate, type EvaluateOptions } from './evaluate.js';
import { isPlainObject, setOwn } from './guard.js';
import { javaToString } from './java.js';
import { ExpressionEvaluationSummary } from './summary.js';
import { containsExpression, templateExpressionText } from './template.js';
import { templateParts } from './evaluate.js';

/** Options of {@link transformValue}. */
export interface TransformOptions extends EvaluateOptions {
  /** Where failures are recorded; a new summary by default. */
  summary?: ExpressionEvaluationSummary;
}

/** Spinnaker's `escapeSimpleExpression`: `${ x }` → `x`, anything else without `$`. */
export function escapeSimpleExpression(source: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(source);
  return m ? m[1]!.trim() : source.replace(/\$/g, '');
}

/** Keys of `map` whose value (maps flattened into their keys and values) contains `value`. */
function keysOf(value: string, map: Record<string, unknown> | undefined): string[] {
  if (!map) return [];
  const flatten = (v: unknown, out: unknown[]): unknown[] => {
    if (!isPlainObject(v)) {
      out.push(v);
      return out;
    }
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      flatten(x, out);
    }
    return out;
  };
  return Object.keys(map).filter((k) => flatten(map[k], []).includes(value));
}

async function transformString(
  source: string,
  ctx: EvaluationContext,
  options: TransformOptions,
  summary: ExpressionEvaluationSummary,
  parent: Record<string, unknown> | undefined,
): Promise<unknown> {
  let escaped: string | undefined;
  try {
    escaped = templateExpressionText(templateParts(source, options));
    const { value, unresolved } = await evaluateTemplate(source, ctx, options);
    if (value === null || unresolved) {
      summary.add(escaped, 'INFO', `${describeFields(source, parent)}: ${escaped} not found`, null);
    }
    return value === null ? source : value;
  } catch (err) {
    const error = err as ExpressionError;
    escaped ??= escapeSimpleExpression(source);
    const description = `${describeFields(source, parent)}${error.message}`.replace(/\$/g, '');
    summary.add(escaped, 'ERROR', description, 'ExpressionError', error.code);
    return source;
  } finally {
    summary.totalEvaluated++;
    if (escaped !== undefined) summary.attempted.add(escaped);
  }
}

function describeFields(source: string, parent: Record<string, unknown> | undefined): string {
  const keys = keysOf(source, parent);
  return `Failed to evaluate ${keys.length > 0 ? `[${keys.join(', ')}]` : source} `;
}

async function transform(
  value: unknown,
  ctx: EvaluationContext,
  options: TransformOptions,
  summary: ExpressionEvaluationSummary,
  parent: Record<string, unknown> | undefined,
): Promise<unknown> {
  if (typeof value === 'string') {
    return containsExpression(value) ? transformString(value, ctx, options, summary, parent) : value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await transform(item, ctx, options, summary, parent));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Map keys are evaluated too (Spinnaker), and always become strings.
      const newKey = containsExpression(key)
        ? javaToString(await transformString(key, ctx, options, summary, value))
        : key;
      if (newKey === '__proto__' || newKey === 'constructor' || newKey === 'prototype') {
        summary.add(
          escapeSimpleExpression(key),
          'ERROR',
          `Failed to evaluate [${key}] the key '${newKey}' is not allowed`,
          'ExpressionError',
          'DENIED',
        );
        continue;
      }
      setOwn(out, newKey, await transform(item, ctx, options, summary, value));
    }
    return out;
  }
  return value;
}

/**
 * Evaluates every `${…}` string in a JSON tree (map keys included) the way Spinnaker's
 * ExpressionTransform does: a string that is one expression keeps the result's type, mixed text
 * becomes a string, a failure or a null result keeps the original text and is recorded in the
 * summary. The input is not modified. Never throws for a bad expression.
 */
export async function transformValue<T>(
  value: T,
  ctx: EvaluationContext,
  options: TransformOptions = {},
): Promise<{ value: T; summary: ExpressionEvaluationSummary }> {
  const summary = options.summary ?? new ExpressionEvaluationSummary();
  const out = (await transform(value, ctx, options, summary, undefined)) as T;
  return { value: out, summary };
}
