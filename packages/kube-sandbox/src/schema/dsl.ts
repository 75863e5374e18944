/**
 * A compact schema language for the sandbox's type table. One description per kind drives
 * strict field validation, the strategic-merge and server-side-apply list semantics, and the
 * generated OpenAPI v3 documents, so the three never disagree.
 */

/** A field schema. */
export type Schema = ObjectSchema | ArraySchema | MapSchema | ScalarSchema | AnySchema;

/** An object with known properties; `open` objects accept unknown fields too. */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, Schema>;
  open?: boolean;
  /** Strategic merge patch strategy `retainKeys` (e.g. DeploymentSpec.strategy). */
  retainKeys?: boolean;
}

/** A list; `mergeKey` makes strategic merge patch merge it element-wise. */
export interface ArraySchema {
  type: 'array';
  items: Schema;
  mergeKey?: string;
  strategy?: 'merge' | 'merge,retainKeys';
  listType?: 'atomic' | 'map' | 'set';
  mapKeys?: string[];
}

/** A string-keyed map (labels, data, nodeSelector). */
export interface MapSchema {
  type: 'map';
  values: Schema;
}

/** A scalar. */
export interface ScalarSchema {
  type: 'string' | 'integer' | 'boolean' | 'number' | 'int-or-string' | 'quantity';
}

/** Anything (unknown structure, never validated). */
export interface AnySchema {
  type: 'any';
}

/** A closed object schema. */
export function obj(properties: Record<string, Schema>, extra: Partial<ObjectSchema> = {}): ObjectSchema {
  return { type: 'object', properties, ...extra };
}

/** An open object schema: listed properties are typed, others are accepted as-is. */
export function open(properties: Record<string, Schema> = {}): ObjectSchema {
  return { type: 'object', properties, open: true };
}

/** An atomic list (replaced wholesale by strategic merge patch). */
export function list(items: Schema): ArraySchema {
  return { type: 'array', items, listType: 'atomic' };
}

/** A list merged by `key` (strategic merge patch and server-side apply). */
export function keyed(items: Schema, key: string, extra: Partial<ArraySchema> = {}): ArraySchema {
  return {
    type: 'array',
    items,
    mergeKey: key,
    strategy: 'merge',
    listType: 'map',
    mapKeys: [key],
    ...extra,
  };
}

/** A set of primitives merged by union. */
export function set(items: Schema): ArraySchema {
  return { type: 'array', items, strategy: 'merge', listType: 'set' };
}

/** A map of values. */
export function map(values: Schema = str): MapSchema {
  return { type: 'map', values };
}

/** Scalars. */
export const str: ScalarSchema = { type: 'string' };
/** Integer scalar. */
export const int: ScalarSchema = { type: 'integer' };
/** Boolean scalar. */
export const bool: ScalarSchema = { type: 'boolean' };
/** Integer or string (e.g. maxSurge, targetPort). */
export const intOrString: ScalarSchema = { type: 'int-or-string' };
/** A resource quantity. */
export const quantity: ScalarSchema = { type: 'quantity' };
/** Unchecked value. */
export const any: AnySchema = { type: 'any' };

/** The schema of the child `key` of `schema`, or undefined when unknown. */
export function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'object') return schema.properties[key] ?? (schema.open ? any : undefined);
  if (schema.type === 'map') return schema.values;
  if (schema.type === 'any') return any;
  return undefined;
}

/** Unknown-field paths in `value` (dotted, e.g. `spec.replicaz`), for strict field validation. */
export function unknownFields(value: unknown, schema: Schema, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (schema.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = schema.properties[k];
      const p = path ? `${path}.${k}` : k;
      if (child) out.push(...unknownFields(v, child, p));
      else if (!schema.open) out.push(p);
    }
    return out;
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    return value.flatMap((v, i) => unknownFields(v, schema.items, `${path}[${i}]`));
  }
  if (schema.type === 'map' && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      unknownFields(v, schema.values, `${path}.${k}`),
    );
  }
  return [];
}

/** Removes unknown fields in place (what the server does under `fieldValidation=Ignore|Warn`). */
export function pruneUnknown(value: unknown, schema: Schema): void {
  if (value === null || typeof value !== 'object') return;
  if (schema.type === 'object' && !Array.isArray(value)) {
    const rec = value as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      const child = schema.properties[k];
      if (child) pruneUnknown(rec[k], child);
      else if (!schema.open) delete rec[k];
    }
  } else if (schema.type === 'array' && Array.isArray(value)) {
    for (const v of value) pruneUnknown(v, schema.items);
  } else if (schema.type === 'map' && !Array.isArray(value)) {
    for (const v of Object.values(value as Record<string, unknown>)) pruneUnknown(v, schema.values);
  }
}
