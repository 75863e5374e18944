import { parse as parseYaml } from 'yaml';
import { applyJsonPatch } from '../patch/json-patch.js';
import { serverSideApply } from '../patch/managed-fields.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { strategicMerge } from '../patch/strategic-merge.js';
import { schemaFor } from '../schema/kinds.js';
import { labelSelectorToString } from '../store/selectors.js';
import type { KubeObject, Loose } from '../types.js';
import { clone, isObject, timestamp } from '../types.js';
import { badRequest, conflict, MODIFIED, StatusError, unsupportedMediaType } from './errors.js';
import type { ObjectApi, WriteOptions, WriteResult } from './object-api.js';
import type { ResourceType } from './resources.js';
import { groupVersion } from './resources.js';

/** PATCH content types. */
export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/** Options of a PATCH. */
export interface PatchOptions extends WriteOptions {
  force?: boolean;
  /** Whether the request named a field manager explicitly. */
  fieldManagerGiven: boolean;
}

function parseJson(text: string): Loose {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`error decoding patch: ${(err as Error).message}`);
  }
}

/** Applies a patch body of `contentType` to `target` (any object, e.g. a Scale). */
export function applyPatchBody(rt: ResourceType, target: Loose, contentType: string, text: string): Loose {
  const body = parseJson(text);
  switch (contentType) {
    case 'application/json-patch+json':
      return applyJsonPatch(target, body);
    case 'application/merge-patch+json':
      return applyMergePatch(target, body);
    case 'application/strategic-merge-patch+json':
      if (!rt.strategicMerge) throw unsupportedMediaType(contentType);
      if (!isObject(body)) throw badRequest('strategic merge patch must be a JSON object');
      return strategicMerge(
        target,
        body,
        target?.kind === 'Scale' ? undefined : schemaFor(rt.group, rt.kind),
      );
    default:
      throw unsupportedMediaType(contentType);
  }
}

/** PATCH of an object (or its status) with any of the four patch types; SSA may create. */
export function patchObject(
  api: ObjectApi,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  contentType: string,
  text: string,
  opts: PatchOptions,
): WriteResult & { created: boolean } {
  if (contentType !== 'application/apply-patch+yaml') {
    if (opts.force) throw badRequest('force is only allowed for apply patches');
    const old = api.get(rt, ns, name);
    const patched = applyPatchBody(rt, old, contentType, text);
    if (!isObject(patched)) throw badRequest('patch result must be an object');
    return { ...api.update(rt, ns, name, patched, opts), created: false };
  }
  if (!opts.fieldManagerGiven) {
    throw badRequest('PATCH /apply requests require a fieldManager query parameter');
  }
  let config: Loose;
  try {
    config = parseYaml(text);
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message}`);
  }
  if (!isObject(config)) throw badRequest('apply patch must be an object');
  if (config.metadata?.managedFields) throw badRequest('metadata.managedFields must be nil');
  config.metadata ??= {};
  if (config.metadata.name && config.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  config.metadata.name = name;
  const live = api.find(rt, ns, name);
  const result = serverSideApply(live, config as KubeObject, !!opts.force, {
    manager: opts.fieldManager,
    apiVersion: groupVersion(rt),
    subresource: opts.subresource,
    statusSplit: rt.subresources.includes('status'),
    schema: schemaFor(rt.group, rt.kind),
    time: timestamp(api.clock.now()),
    details: { name, ...(rt.group ? { group: rt.group } : {}), kind: rt.resource },
  });
  const write = { ...opts, managedFields: result.managedFields };
  if (!live) return { ...api.create(rt, ns, result.object, write), created: true };
  return { ...api.update(rt, ns, name, result.object, write), created: false };
}

/** The autoscaling/v1 Scale view of a scalable object. */
export function scaleOf(obj: KubeObject): KubeObject {
  const selector = obj.spec?.selector ? labelSelectorToString(obj.spec.selector) : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Writes a (patched or PUT) Scale back to its parent's `spec.replicas`. */
export function writeScale(
  api: ObjectApi,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  scale: Loose,
  opts: WriteOptions,
): KubeObject {
  const parent = api.get(rt, ns, name);
  if (!isObject(scale) || !isObject(scale.spec)) throw badRequest('Scale must have a spec');
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== parent.metadata.resourceVersion) throw conflict(rt, name, MODIFIED);
  const replicas = scale.spec.replicas;
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    throw new StatusError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
    );
  }
  const next = clone(parent);
  next.spec.replicas = replicas;
  const { object } = api.update(rt, ns, name, next, opts);
  return scaleOf(object);
}
