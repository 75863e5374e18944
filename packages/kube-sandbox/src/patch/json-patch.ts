import { badRequest, StatusError } from '../api/errors.js';
import { clone, jsonEqual } from '../types.js';
import type { Loose } from '../types.js';

/** Thrown when a JSON patch operation cannot be applied (rendered as 422 Invalid by the API). */
export class PatchError extends StatusError {
  constructor(message: string) {
    super(422, 'Invalid', message);
  }
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Loose, tokens: string[], path: string): { parent: Loose; key: string } {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : cur?.[t];
    if (cur === undefined || cur === null || typeof cur !== 'object') {
      throw new PatchError(`doc is missing path: "${path}": missing value`);
    }
  }
  return { parent: cur, key: tokens[tokens.length - 1]! };
}

function getAt(doc: Loose, path: string): Loose {
  let cur = doc;
  for (const t of parsePointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(t)] : cur?.[t];
    if (cur === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
  }
  return cur;
}

function removeAt(doc: Loose, path: string): Loose {
  const { parent, key } = parentOf(doc, parsePointer(path), path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) throw new PatchError(`unable to remove nonexistent key: ${key}`);
    return parent.splice(i, 1)[0];
  }
  if (!(key in parent)) throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
}

function addAt(doc: Loose, path: string, value: Loose, replace: boolean): Loose {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length)) throw new PatchError(`index out of range: ${key}`);
    if (replace) {
      if (i >= parent.length) throw new PatchError(`index out of range: ${key}`);
      parent[i] = value;
    } else parent.splice(i, 0, value);
  } else {
    if (replace && !(key in parent)) {
      throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    }
    parent[key] = value;
  }
  return doc;
}

/** Applies an RFC 6902 JSON patch to a copy of `doc`. */
export function applyJsonPatch(doc: Loose, ops: unknown): Loose {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let out = clone(doc);
  for (const op of ops as Loose[]) {
    const path = String(op.path ?? '');
    switch (op.op) {
      case 'add':
        out = addAt(out, path, clone(op.value), false);
        break;
      case 'replace':
        out = addAt(out, path, clone(op.value), true);
        break;
      case 'remove':
        removeAt(out, path);
        break;
      case 'move': {
        const v = removeAt(out, String(op.from));
        out = addAt(out, path, v, false);
        break;
      }
      case 'copy':
        out = addAt(out, path, clone(getAt(out, String(op.from))), false);
        break;
      case 'test':
        if (!jsonEqual(getAt(out, path), op.value)) throw new PatchError(`testing value ${path} failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return out;
}
