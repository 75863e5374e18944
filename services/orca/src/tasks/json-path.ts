/**
 * Reads a value at a JSONPath of the simple forms webhook configs use: `$.a.b`, `$.a[0].b`,
 * `$['a']['b']`, or `a.b` without the `$`. Filters and wildcards are not supported.
 */
export function readJsonPath(doc: unknown, path: string): unknown {
  const p = path.trim().replace(/^\$\.?/, '');
  const parts: string[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  for (const m of p.matchAll(re)) parts.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  let cur: unknown = doc;
  for (const part of parts) {
    if (cur == null || typeof cur !== 'object') return undefined;
    if (part === '__proto__' || part === 'constructor' || part === 'prototype') return undefined;
    cur = Array.isArray(cur) ? cur[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}
