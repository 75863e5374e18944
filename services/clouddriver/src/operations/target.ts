import { InputError, NotFoundError } from '@genoa/shared';
import { z } from 'zod';
import type { Account } from '../adapters/accounts.js';
import { isKindAllowed, isNamespaceAllowed } from '../domain/accounts.js';
import { parseManifestName, type KubeObject } from '../domain/kube-object.js';
import { handlerFor, type KindCapabilities, type KindHandler } from '../kinds/index.js';

/** The fields every description has: the account (orca also sends `credentials` and `cloudProvider`). */
export const accountFields = {
  account: z.string().min(1),
  cloudProvider: z.string().optional(),
};

/** The fields that name one existing manifest: `manifestName` ("kind name") and `location` (namespace). */
export const targetFields = {
  ...accountFields,
  manifestName: z
    .string()
    .refine((v) => parseManifestName(v) !== undefined, 'must be "<kind> <name>", e.g. "deployment demo"'),
  location: z.string().default(''),
};

/** A resolved target: its handler, namespace, name and live object. */
export interface Target {
  handler: KindHandler;
  kind: string;
  namespace: string | undefined;
  name: string;
  object: KubeObject;
}

/** Throws unless the account may touch `kind` in `namespace`. */
export function checkAllowed(account: Account, kind: string, namespace: string | undefined): void {
  if (namespace && !isNamespaceAllowed(account.config, namespace))
    throw new InputError(`Account ${account.name} is not configured to manage namespace "${namespace}"`);
  if (!isKindAllowed(account.config, kind))
    throw new InputError(`Account ${account.name} is not configured to manage kind "${kind}"`);
}

/**
 * Reads the manifest a description targets, checking the account's namespaces and kinds and, when
 * given, that the kind has `capability`.
 */
export async function resolveTarget(
  account: Account,
  description: { manifestName: string; location: string },
  capability?: keyof KindCapabilities,
): Promise<Target> {
  const { kind, name } = parseManifestName(description.manifestName)!;
  const resource = await account.client.resourceFor(kind);
  if (!resource) throw new InputError(`Kind "${kind}" is not served by account ${account.name}'s cluster`);
  const handler = handlerFor(resource.kind, resource.apiVersion);
  if (capability && !handler.capabilities[capability])
    throw new InputError(
      `Kind ${handler.spinnakerKind} does not support this operation (${capability} is false)`,
    );
  const namespace = resource.namespaced ? description.location || account.client.defaultNamespace : undefined;
  checkAllowed(account, resource.kind, namespace);
  const object = await account.client.get(resource.kind, namespace, name);
  if (!object)
    throw new NotFoundError(`${handler.spinnakerKind} ${name} not found in ${namespace ?? 'the cluster'}`);
  return { handler, kind: resource.kind, namespace, name, object };
}

/** `{namespace: ["kind name"]}` for one manifest: what update operations report for the stability wait. */
export const namesByNamespace = (
  target: Pick<Target, 'handler' | 'namespace' | 'name'>,
): Record<string, string[]> => ({
  [target.namespace ?? '']: [`${target.handler.spinnakerKind} ${target.name}`],
});
