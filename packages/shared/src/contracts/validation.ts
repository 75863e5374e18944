import type { z } from 'zod';
import { InputError, type FieldIssue } from '../errors.js';

/** Renders a zod issue path as Spinnaker users read it: `stages[0].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The field issues of a zod error, with readable paths. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Parses `value` with `schema`, or throws an {@link InputError} naming every invalid field.
 * `what` names the thing in the message ("pipeline", "request body").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const first = issues[0];
  const summary = first ? `${first.path || '(root)'}: ${first.message}` : 'invalid';
  throw new InputError(`Invalid ${what}: ${summary}`, issues, { cause: result.error });
}
