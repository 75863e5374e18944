import { ExpressionError } from '../errors.js';
import { isPlainObject } from '../guard.js';
import { javaToString, javaTypeName } from '../java.js';
import type { HelperCall } from './define-helper.js';

/** A SpelHelperFunctionException: a helper failed for a reason the user can fix. */
export function helperError(message: string): ExpressionError {
  return new ExpressionError('HELPER', message);
}

/** The execution an execution-aware helper works on: `ctx.execution`, else `#root.execution`. */
export function executionOf(call: HelperCall, helper: string): Record<string, unknown> {
  const execution = call.ctx.execution ?? call.ctx.root.execution;
  if (!isPlainObject(execution)) throw helperError(`#${helper} needs an execution in the evaluation context`);
  return execution;
}

/** The stages of an execution (plain objects only). */
export function stagesOf(execution: Record<string, unknown>): Record<string, unknown>[] {
  const stages = execution.stages;
  return Array.isArray(stages) ? stages.filter(isPlainObject) : [];
}

/** The id of an execution for messages. */
export function executionId(execution: Record<string, unknown>): string {
  return javaToString(execution.id ?? 'unknown');
}

/** A String argument; numbers/booleans are printed, anything else is refused. */
export function stringArg(value: unknown, helper: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return javaToString(value);
  throw new ExpressionError(
    'EVALUATION',
    `EL1004E: #${helper}(${javaTypeName(value)}) cannot be called: a String is expected`,
  );
}
