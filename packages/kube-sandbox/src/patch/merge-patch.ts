import { clone, isObject } from '../types.js';
import type { Loose } from '../types.js';

/** Applies an RFC 7386 JSON merge patch (objects merge, `null` deletes, arrays replace). */
export function applyMergePatch(target: Loose, patch: Loose): Loose {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, Loose> = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
