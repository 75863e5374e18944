import { JSONPath } from 'jsonpath-plus';

const regexCache = new Map<string, RegExp | null>();
function compile(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try {
      regexCache.set(pattern, new RegExp(pattern));
    } catch {
      regexCache.set(pattern, null);
    }
  }
  return regexCache.get(pattern)!;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Spinnaker's ArtifactMatcher for `payloadConstraints`: every key must be present (non-null) and,
 * when the constraint has a value, its regex must *find* a match (substring, not anchored). An
 * invalid regex never matches. With `jsonPath` (webhooks only) a key that is not a top-level field
 * is read as a JsonPath; any element of the result matching counts.
 */
export function satisfiesConstraints(
  payload: Record<string, unknown>,
  constraints: Record<string, unknown> | null | undefined,
  options: { jsonPath: boolean },
): boolean {
  if (!constraints) return true;
  for (const [key, constraint] of Object.entries(constraints)) {
    let values: unknown[];
    if (key in payload) values = [payload[key]];
    else if (options.jsonPath && key.startsWith('$')) {
      try {
        values = JSONPath({ path: key, json: payload as object, wrap: true }) as unknown[];
        values = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
      } catch {
        return false;
      }
    } else return false;
    values = values.filter((v) => v !== null && v !== undefined);
    if (values.length === 0) return false;
    if (constraint === null || constraint === undefined) continue;
    const regex = compile(String(constraint));
    if (!regex || !values.some((v) => regex.test(text(v)))) return false;
  }
  return true;
}

/** A full (anchored) regex match, as Java's `String.matches`; an invalid regex never matches. */
export function fullMatch(pattern: string, value: string): boolean {
  const regex = compile(`^(?:${pattern})$`);
  return regex ? regex.test(value) : false;
}
