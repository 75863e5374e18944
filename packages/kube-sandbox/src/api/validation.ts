import { pruneUnknown, unknownFields } from '../schema/dsl.js';
import { schemaFor } from '../schema/kinds.js';
import type { KubeObject, Loose } from '../types.js';
import { isObject } from '../types.js';
import { badRequest, invalid, invalidValue } from './errors.js';
import type { ResourceType } from './resources.js';
import { groupVersion } from './resources.js';
import { DNS_LABEL, DNS_SUBDOMAIN } from '../kinds/hooks.js';

/** `fieldValidation` query parameter values. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Applies field validation: `Strict` rejects unknown fields (400), `Warn` returns warnings,
 * every mode drops unknown fields from the stored object like the real decoder does.
 */
export function checkFields(rt: ResourceType, obj: KubeObject, mode: FieldValidation | undefined): string[] {
  dropNulls(obj);
  const schema = schemaFor(rt.group, rt.kind);
  const unknown = unknownFields(obj, schema);
  if (unknown.length && mode === 'Strict') {
    const list = unknown.map((u) => `unknown field "${u}"`).join(', ');
    throw badRequest(
      `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${list}`,
    );
  }
  pruneUnknown(obj, schema);
  return mode === 'Ignore' ? [] : unknown.map((u) => `unknown field "${u}"`);
}

/** Rejects a body whose apiVersion/kind name another type (400). */
export function checkKind(rt: ResourceType, body: Loose): void {
  if (!isObject(body)) throw badRequest('the body of the request must be a JSON object');
  if (body.kind !== undefined && body.kind !== rt.kind) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${groupVersion(rt)})`,
    );
  }
  if (body.apiVersion !== undefined && body.apiVersion !== groupVersion(rt)) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${groupVersion(rt)})`,
    );
  }
  if (body.metadata !== undefined && !isObject(body.metadata)) throw badRequest('metadata must be an object');
}

/** Validates the object name format (422). */
export function checkName(rt: ResourceType, name: string): void {
  const label = rt.kind === 'Namespace' || rt.kind === 'Service';
  const ok = label
    ? DNS_LABEL.test(name) && name.length <= 63
    : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok) {
    const what = label
      ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
      : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    throw invalid(rt, name, [invalidValue('metadata.name', name, what)]);
  }
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 5 random characters from the apiserver's name alphabet. */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}

/** A name from `generateName` (base truncated so the result is at most 63 characters). */
export function generateName(base: string): string {
  return base.slice(0, 58) + randomSuffix();
}

/** Removes null-valued object keys in place (the real decoder turns them into zero values). */
export function dropNulls(value: Loose): void {
  if (Array.isArray(value)) {
    for (const v of value) dropNulls(v);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v === null) delete value[k];
      else dropNulls(v);
    }
  }
}
