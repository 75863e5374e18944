import { any, childSchema } from '../schema/dsl.js';
import type { ArraySchema, Schema } from '../schema/dsl.js';
import { clone, isObject, jsonEqual } from '../types.js';
import type { Loose } from '../types.js';

const ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function stripDirectives(value: Loose): Loose {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: Record<string, Loose> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    if (v !== null) out[k] = stripDirectives(v);
  }
  return out;
}

function itemsOf(schema: Schema | undefined): Schema {
  return schema && schema.type === 'array' ? schema.items : any;
}

function isMergeList(schema: Schema | undefined): schema is ArraySchema {
  return !!schema && schema.type === 'array' && !!schema.strategy;
}

function reorder(list: Loose[], order: Loose[], key: string | undefined): Loose[] {
  const pos = (el: Loose): number => {
    const i = order.findIndex((o) => (key ? isObject(o) && o[key] === el?.[key] : jsonEqual(o, el)));
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return list
    .map((el, i) => ({ el, i }))
    .sort((a, b) => pos(a.el) - pos(b.el) || a.i - b.i)
    .map((x) => x.el);
}

function mergeList(original: Loose, patch: Loose[], schema: Schema | undefined, order?: Loose[]): Loose[] {
  if (!isMergeList(schema)) return stripDirectives(patch);
  const key = schema.mergeKey;
  if (patch.some((el) => isObject(el) && el.$patch === 'replace')) {
    return stripDirectives(patch.filter((el) => !(isObject(el) && el.$patch === 'replace')));
  }
  const result: Loose[] = Array.isArray(original) ? clone(original) : [];
  for (const el of patch) {
    if (!isObject(el) || !key) {
      if (!result.some((x) => jsonEqual(x, el))) result.push(clone(el));
      continue;
    }
    const idx = result.findIndex((x) => isObject(x) && x[key] === el[key]);
    if (el.$patch === 'delete') {
      if (idx >= 0) result.splice(idx, 1);
      continue;
    }
    if (idx >= 0) result[idx] = strategicMerge(result[idx], el, schema.items);
    else result.push(strategicMerge(undefined, el, schema.items));
  }
  return order ? reorder(result, order, key) : result;
}

/**
 * Applies a strategic merge patch: maps merge, `null` deletes, lists with a merge key merge
 * element-wise, and the `$patch`, `$setElementOrder`, `$deleteFromPrimitiveList` and
 * `$retainKeys` directives are honoured. List strategies come from the kind's schema.
 */
export function strategicMerge(original: Loose, patch: Loose, schema: Schema | undefined): Loose {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, Loose> = isObject(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const child = childSchema(schema, k) ?? any;
    if (isObject(v)) {
      const merged = strategicMerge(out[k], v, child);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(out[k], v, child, patch[ORDER + k]);
    } else out[k] = v;
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE) && Array.isArray(out[k.slice(DELETE_PRIMITIVE.length)])) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      out[field] = (out[field] as Loose[]).filter((x) => !(v as Loose[]).some((d) => jsonEqual(d, x)));
    } else if (k.startsWith(ORDER) && !(k.slice(ORDER.length) in patch)) {
      const field = k.slice(ORDER.length);
      const s = childSchema(schema, field);
      if (Array.isArray(out[field]) && Array.isArray(v)) {
        out[field] = reorder(out[field], v, s && s.type === 'array' ? s.mergeKey : undefined);
      }
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
  }
  return out;
}

/**
 * Merges a server-side-apply configuration into a live value: maps merge, `listType: map`
 * lists merge by their keys, sets union, atomic lists and scalars are replaced.
 */
export function applyMerge(live: Loose, config: Loose, schema: Schema | undefined): Loose {
  if (isObject(config)) {
    const out: Record<string, Loose> = isObject(live) ? clone(live) : {};
    for (const [k, v] of Object.entries(config)) {
      if (v === null) continue;
      out[k] = applyMerge(out[k], v, childSchema(schema, k) ?? any);
    }
    return out;
  }
  if (Array.isArray(config) && schema?.type === 'array' && Array.isArray(live)) {
    if (schema.listType === 'map' && schema.mapKeys) {
      const keys = schema.mapKeys;
      const out = clone(live);
      for (const el of config) {
        const idx = out.findIndex(
          (x: Loose) =>
            isObject(x) && isObject(el) && keys.every((k) => el[k] === undefined || x[k] === el[k]),
        );
        if (idx >= 0) out[idx] = applyMerge(out[idx], el, itemsOf(schema));
        else out.push(clone(el));
      }
      return out;
    }
    if (schema.listType === 'set') {
      const out = clone(live);
      for (const el of config) if (!out.some((x: Loose) => jsonEqual(x, el))) out.push(clone(el));
      return out;
    }
  }
  return clone(config);
}
