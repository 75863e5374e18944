import { any, childSchema } from '../schema/dsl.js';
import type { Schema } from '../schema/dsl.js';
import { isObject, jsonEqual } from '../types.js';
import type { Loose } from '../types.js';

/** A field path in FieldsV1 segment form: `f:spec`, `k:{"name":"app"}`, `v:"x"`. */
export type FieldPath = string[];

const SEP = '\u0001';

/** A set key for a path. */
export function pathKey(path: FieldPath): string {
  return path.join(SEP);
}

/** The path of a set key. */
export function keyPath(key: string): FieldPath {
  return key === '' ? [] : key.split(SEP);
}

function elementKey(el: Loose, keys: string[]): string {
  const rec: Record<string, Loose> = {};
  for (const k of [...keys].sort()) if (el?.[k] !== undefined) rec[k] = el[k];
  return `k:${JSON.stringify(rec)}`;
}

/** Leaf field paths of `value` (scalars, atomic lists, empty maps, set members). */
export function leafPaths(value: Loose, schema: Schema | undefined, prefix: FieldPath = []): FieldPath[] {
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    if (entries.length === 0) return prefix.length ? [prefix] : [];
    return entries.flatMap(([k, v]) => leafPaths(v, childSchema(schema, k) ?? any, [...prefix, `f:${k}`]));
  }
  if (Array.isArray(value) && schema?.type === 'array') {
    if (schema.listType === 'map' && schema.mapKeys) {
      const keys = schema.mapKeys;
      return value.flatMap((el) => {
        const p = [...prefix, elementKey(el, keys)];
        const inner = leafPaths(el, schema.items, p);
        return inner.length ? inner : [p];
      });
    }
    if (schema.listType === 'set') return value.map((el) => [...prefix, `v:${JSON.stringify(el)}`]);
  }
  return [prefix];
}

/** The value at `path` in `obj` (undefined when absent). */
export function valueAt(obj: Loose, path: FieldPath): Loose {
  let cur = obj;
  for (const seg of path) {
    if (cur === undefined || cur === null) return undefined;
    if (seg.startsWith('f:')) cur = isObject(cur) ? cur[seg.slice(2)] : undefined;
    else if (seg.startsWith('k:')) {
      const want = JSON.parse(seg.slice(2)) as Record<string, Loose>;
      cur = Array.isArray(cur)
        ? cur.find((el) => Object.entries(want).every(([k, v]) => jsonEqual(el?.[k], v)))
        : undefined;
    } else if (seg.startsWith('v:')) {
      const want = JSON.parse(seg.slice(2)) as Loose;
      cur = Array.isArray(cur) && cur.some((el) => jsonEqual(el, want)) ? want : undefined;
    } else return undefined;
  }
  return cur;
}

/** Removes the value at `path` from `obj` in place. */
export function removeAt(obj: Loose, path: FieldPath): void {
  if (path.length === 0) return;
  const parent = valueAt(obj, path.slice(0, -1));
  const seg = path[path.length - 1]!;
  if (seg.startsWith('f:') && isObject(parent)) delete parent[seg.slice(2)];
  else if (Array.isArray(parent)) {
    const target = valueAt(obj, path);
    const i = parent.indexOf(target);
    if (i >= 0) parent.splice(i, 1);
    else if (seg.startsWith('v:')) {
      const want = JSON.parse(seg.slice(2)) as Loose;
      const j = parent.findIndex((el) => jsonEqual(el, want));
      if (j >= 0) parent.splice(j, 1);
    }
  }
}

/** Encodes a set of paths as a FieldsV1 trie. */
export function toFieldsV1(paths: Iterable<FieldPath>): Loose {
  const root: Record<string, Loose> = {};
  for (const path of paths) {
    let cur = root;
    path.forEach((seg, i) => {
      cur[seg] ??= {};
      cur = cur[seg];
      if (seg.startsWith('k:') && i < path.length - 1) cur['.'] ??= {};
    });
  }
  return root;
}

/** Decodes a FieldsV1 trie into its leaf paths. */
export function fromFieldsV1(trie: Loose, prefix: FieldPath = []): FieldPath[] {
  if (!isObject(trie)) return [];
  const keys = Object.keys(trie).filter((k) => k !== '.');
  if (keys.length === 0) return prefix.length ? [prefix] : [];
  return keys.flatMap((k) => fromFieldsV1(trie[k], [...prefix, k]));
}

/** `.spec.template.spec.containers[name="app"].image`: how conflicts name a field. */
export function renderPath(path: FieldPath): string {
  return path
    .map((seg) => {
      if (seg.startsWith('f:')) return `.${seg.slice(2)}`;
      if (seg.startsWith('k:')) {
        const rec = JSON.parse(seg.slice(2)) as Record<string, Loose>;
        return `[${Object.entries(rec)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return `[${seg.slice(2)}]`;
    })
    .join('');
}

/** True when `a` is `b` or an ancestor of it. */
export function isPrefix(a: FieldPath, b: FieldPath): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}
