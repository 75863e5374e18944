import type { Schema } from '../schema/dsl.js';
import { schemaFor } from '../schema/kinds.js';
import type { Loose } from '../types.js';
import type { ResourceRegistry, ResourceType } from './resources.js';

/** Converts a sandbox schema to an OpenAPI v3 schema with the Kubernetes list/patch extensions. */
export function toOpenApi(schema: Schema): Loose {
  switch (schema.type) {
    case 'object': {
      const properties: Record<string, Loose> = {};
      for (const [k, v] of Object.entries(schema.properties)) properties[k] = toOpenApi(v);
      return {
        type: 'object',
        properties,
        ...(schema.open ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
        ...(schema.retainKeys ? { 'x-kubernetes-patch-strategy': 'retainKeys' } : {}),
      };
    }
    case 'array':
      return {
        type: 'array',
        items: toOpenApi(schema.items),
        ...(schema.mergeKey ? { 'x-kubernetes-patch-merge-key': schema.mergeKey } : {}),
        ...(schema.strategy ? { 'x-kubernetes-patch-strategy': schema.strategy } : {}),
        ...(schema.listType ? { 'x-kubernetes-list-type': schema.listType } : {}),
        ...(schema.mapKeys ? { 'x-kubernetes-list-map-keys': schema.mapKeys } : {}),
      };
    case 'map':
      return { type: 'object', additionalProperties: toOpenApi(schema.values) };
    case 'int-or-string':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'quantity':
      return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    case 'any':
      return { 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return { type: schema.type };
  }
}

function schemaName(rt: ResourceType): string {
  const g = rt.group ? rt.group.split('.').reverse().join('.') : 'core';
  return `io.k8s.api.${g}.${rt.version}.${rt.kind}`;
}

function query(name: string, description: string): Loose {
  return { name, in: 'query', description, schema: { type: 'string', uniqueItems: true } };
}

function operations(rt: ResourceType): Loose {
  const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(rt)}` };
  const json = { 'application/json': { schema: ref } };
  const params = [
    query('dryRun', 'When present, modifications are not persisted (All).'),
    query('fieldManager', 'Name of the actor making the change.'),
    query('fieldValidation', 'Ignore, Warn or Strict handling of unknown or duplicate fields.'),
  ];
  const op = (action: string, extra: Loose = {}): Loose => ({
    operationId: `${action}${rt.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': { description: 'OK', content: json } },
    ...extra,
  });
  return {
    get: op('get'),
    put: op('put', { parameters: params, requestBody: { content: json, required: true } }),
    delete: op('delete'),
    // Strategic merge patch is accepted but deliberately not advertised here: kubectl then computes
    // client-side apply patches from its compiled-in types, which are exact for built-in kinds.
    patch: op('patch', {
      parameters: [...params, { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } }],
      requestBody: {
        content: {
          'application/json-patch+json': { schema: { type: 'object' } },
          'application/merge-patch+json': { schema: { type: 'object' } },
          'application/apply-patch+yaml': { schema: { type: 'object' } },
        },
        required: true,
      },
    }),
  };
}

function prefix(rt: ResourceType): string {
  return rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
}

/** `GET /openapi/v3`: the index of per-group-version documents. */
export function openApiIndex(registry: ResourceRegistry): Loose {
  const paths: Record<string, Loose> = {};
  for (const gv of registry.groupVersions()) {
    const p = gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(registry, gv.group, gv.version)}` };
  }
  return { paths };
}

function hashOf(registry: ResourceRegistry, group: string, version: string): string {
  const text = registry
    .all()
    .filter((rt) => rt.group === group && rt.version === version)
    .map((rt) => rt.resource)
    .sort()
    .join(',');
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0');
}

/** `GET /openapi/v3/{api|apis/group}/{version}`: generated from the type table. */
export function openApiDocument(registry: ResourceRegistry, group: string, version: string): Loose {
  const types = registry.all().filter((rt) => rt.group === group && rt.version === version);
  if (!types.length) return undefined;
  const paths: Record<string, Loose> = {};
  const schemas: Record<string, Loose> = {};
  for (const rt of types) {
    const base = rt.namespaced
      ? `${prefix(rt)}/namespaces/{namespace}/${rt.resource}`
      : `${prefix(rt)}/${rt.resource}`;
    paths[`${base}/{name}`] = operations(rt);
    paths[base] = {
      get: {
        operationId: `list${rt.kind}`,
        'x-kubernetes-action': 'list',
        'x-kubernetes-group-version-kind': { group: rt.group, version: rt.version, kind: rt.kind },
      },
    };
    schemas[schemaName(rt)] = {
      ...toOpenApi(schemaFor(rt.group, rt.kind)),
      'x-kubernetes-group-version-kind': [{ group: rt.group, version: rt.version, kind: rt.kind }],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas },
  };
}
