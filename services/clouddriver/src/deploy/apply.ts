import type { Account } from '../adapters/accounts.js';
import { KubeApiError } from '../adapters/kube-client.js';
import { Annotation, strategyFlag } from '../domain/annotations.js';
import type { KubeObject } from '../domain/kube-object.js';

/** The field manager clouddriver applies as. */
export const FIELD_MANAGER = 'spinnaker';

async function waitUntilGone(
  account: Account,
  kind: string,
  namespace: string | undefined,
  name: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!(await account.client.get(kind, namespace, name))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${kind} ${name} was not deleted within 60 s, so it could not be recreated`);
}

/**
 * Writes one manifest the way its strategy annotations ask (engine.md §6.2): `recreate` deletes
 * then creates; `replace` replaces (or creates); a `generateName` creates; everything else is a
 * server-side apply as `spinnaker` that takes over conflicting fields (kubectl apply's outcome).
 */
export async function applyManifest(account: Account, manifest: KubeObject): Promise<KubeObject> {
  const { client } = account;
  const kind = manifest.kind!;
  const namespace = manifest.metadata?.namespace;
  const name = manifest.metadata?.name;
  if (!name) return client.create(manifest);
  if (strategyFlag(manifest, Annotation.RECREATE)) {
    if (await client.delete(kind, namespace, name, { propagationPolicy: 'Foreground' }))
      await waitUntilGone(account, kind, namespace, name);
    return client.create(manifest);
  }
  if (strategyFlag(manifest, Annotation.REPLACE)) {
    const live = await client.get(kind, namespace, name);
    if (!live) return client.create(manifest);
    return client.replace({
      ...manifest,
      metadata: { ...manifest.metadata, resourceVersion: live.metadata?.resourceVersion },
    });
  }
  try {
    return await client.apply(manifest, FIELD_MANAGER, true);
  } catch (err) {
    // An object created by kubectl's client-side apply can refuse a field type change under SSA; a
    // plain replace is what `kubectl apply` would have done then.
    if (err instanceof KubeApiError && err.status === 409) {
      const live = await client.get(kind, namespace, name);
      if (live)
        return client.replace({
          ...manifest,
          metadata: { ...manifest.metadata, resourceVersion: live.metadata?.resourceVersion },
        });
    }
    throw err;
  }
}

/** A manifest as results show it: Secret data removed, managedFields dropped. */
export function redact(object: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(object)) as KubeObject;
  if (copy.metadata) delete copy.metadata.managedFields;
  if (copy.kind === 'Secret') {
    delete copy.data;
    delete copy.stringData;
  }
  const lastApplied = copy.metadata?.annotations?.[Annotation.LAST_APPLIED];
  if (copy.kind === 'Secret' && lastApplied) delete copy.metadata!.annotations![Annotation.LAST_APPLIED];
  return copy;
}
