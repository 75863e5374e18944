import { StatusError } from '../api/errors.js';
import type { Schema } from '../schema/dsl.js';
import type { KubeObject, Loose, ManagedFieldsEntry } from '../types.js';
import { isObject, jsonEqual } from '../types.js';
import type { FieldPath } from './field-paths.js';
import {
  fromFieldsV1,
  isPrefix,
  keyPath,
  leafPaths,
  pathKey,
  removeAt,
  renderPath,
  toFieldsV1,
  valueAt,
} from './field-paths.js';
import { applyMerge } from './strategic-merge.js';

interface Entry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: Set<string>;
}

const TRACKED_META = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

/** The part of an object whose fields are tracked for a write to `subresource`. */
export function projection(obj: Loose, subresource: string | undefined, statusSplit: boolean): Loose {
  if (!isObject(obj)) return {};
  if (subresource === 'status') return obj.status === undefined ? {} : { status: obj.status };
  const out: Record<string, Loose> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'status' && statusSplit) continue;
    if (k === 'metadata') {
      const meta: Record<string, Loose> = {};
      for (const m of TRACKED_META) if (isObject(v) && v[m] !== undefined) meta[m] = v[m];
      if (Object.keys(meta).length) out.metadata = meta;
      continue;
    }
    out[k] = v;
  }
  return out;
}

function decode(entries: ManagedFieldsEntry[] | undefined): Entry[] {
  return (entries ?? []).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    subresource: e.subresource,
    paths: new Set(fromFieldsV1(e.fieldsV1).map(pathKey)),
  }));
}

function encode(entries: Entry[]): ManagedFieldsEntry[] {
  return entries
    .filter((e) => e.paths.size > 0)
    .map((e) => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      time: e.time,
      fieldsType: 'FieldsV1' as const,
      fieldsV1: toFieldsV1([...e.paths].map(keyPath)),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
}

/** What a write needs to know to track ownership. */
export interface TrackContext {
  manager: string;
  apiVersion: string;
  subresource?: string;
  statusSplit: boolean;
  schema: Schema;
  time: string;
}

/**
 * Records an Update-operation write: the manager takes every field it changed, other managers
 * lose those fields, and fields that no longer exist are dropped from every set.
 */
export function recordUpdate(
  base: ManagedFieldsEntry[] | undefined,
  oldObj: KubeObject | undefined,
  newObj: KubeObject,
  ctx: TrackContext,
): ManagedFieldsEntry[] {
  const entries = decode(base);
  const oldP = projection(oldObj, ctx.subresource, ctx.statusSplit);
  const newP = projection(newObj, ctx.subresource, ctx.statusSplit);
  const changed = leafPaths(newP, ctx.schema)
    .filter((p) => !jsonEqual(valueAt(oldP, p), valueAt(newP, p)))
    .map(pathKey);
  if (changed.length === 0 && oldObj && jsonEqual(oldP, newP)) return encode(entries);
  const changedSet = new Set(changed);
  const whole = projection(newObj, undefined, false);
  for (const e of entries) {
    for (const k of e.paths)
      if (changedSet.has(k) || valueAt(whole, keyPath(k)) === undefined) e.paths.delete(k);
  }
  let mine = entries.find(
    (e) => e.manager === ctx.manager && e.operation === 'Update' && e.subresource === ctx.subresource,
  );
  if (!mine && changed.length) {
    mine = {
      manager: ctx.manager,
      operation: 'Update',
      apiVersion: ctx.apiVersion,
      time: ctx.time,
      paths: new Set(),
    };
    if (ctx.subresource) mine.subresource = ctx.subresource;
    entries.push(mine);
  }
  if (mine) {
    for (const k of changed) mine.paths.add(k);
    mine.time = ctx.time;
  }
  return encode(entries);
}

/** The result of a server-side apply merge. */
export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/**
 * Server-side apply (an approximation of structured-merge-diff): detects conflicts with other
 * managers' fields, merges by list-map keys, and removes fields this manager applied before but
 * omits now, unless another manager owns them.
 */
export function serverSideApply(
  live: KubeObject | undefined,
  config: KubeObject,
  force: boolean,
  ctx: TrackContext & { details: Record<string, Loose> },
): ApplyResult {
  const entries = decode(live?.metadata.managedFields);
  const liveP = projection(live, ctx.subresource, ctx.statusSplit);
  const configP = projection(config, ctx.subresource, ctx.statusSplit);
  const newPaths = leafPaths(configP, ctx.schema);
  const newSet = new Set(newPaths.map(pathKey));
  const isMine = (e: Entry): boolean => e.manager === ctx.manager && e.operation === 'Apply';
  const conflicts: { manager: string; apiVersion: string; path: FieldPath }[] = [];
  for (const e of entries) {
    if (isMine(e)) continue;
    for (const p of newPaths) {
      if (e.paths.has(pathKey(p)) && !jsonEqual(valueAt(liveP, p), valueAt(configP, p))) {
        conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, path: p });
      }
    }
  }
  if (conflicts.length && !force) {
    const lines = conflicts.map(
      (c) => `conflict with "${c.manager}" using ${c.apiVersion}: ${renderPath(c.path)}`,
    );
    const n = conflicts.length;
    throw new StatusError(
      409,
      'Conflict',
      `Apply failed with ${n} conflict${n > 1 ? 's' : ''}: ${lines.join('\n')}`,
      {
        ...ctx.details,
        causes: conflicts.map((c) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}" using ${c.apiVersion}`,
          field: renderPath(c.path),
        })),
      },
    );
  }
  for (const c of conflicts) for (const e of entries) if (!isMine(e)) e.paths.delete(pathKey(c.path));
  const merged: KubeObject = applyMerge(live ?? {}, config, ctx.schema);
  const mine = entries.find(isMine);
  const others = entries.filter((e) => !isMine(e)).flatMap((e) => [...e.paths].map(keyPath));
  const kept = [...newPaths, ...others];
  for (const k of mine?.paths ?? []) {
    if (newSet.has(k)) continue;
    const p = keyPath(k);
    if (others.some((o) => pathKey(o) === k)) continue;
    let target: FieldPath = p;
    for (let i = 1; i < p.length; i++) {
      const a = p.slice(0, i);
      if (p[i - 1]!.startsWith('k:') && !kept.some((q) => isPrefix(a, q))) {
        target = a;
        break;
      }
    }
    if (target[0] === 'f:metadata' && target.length < 3) continue;
    removeAt(merged, target);
  }
  const entry: Entry = mine ?? {
    manager: ctx.manager,
    operation: 'Apply',
    apiVersion: ctx.apiVersion,
    time: ctx.time,
    paths: new Set(),
  };
  entry.paths = newSet;
  entry.time = ctx.time;
  if (ctx.subresource) entry.subresource = ctx.subresource;
  const all = mine ? entries : [...entries, entry];
  return { object: merged, managedFields: encode(all) };
}
