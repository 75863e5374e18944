import type { KubeObject, Loose } from '../types.js';
import { clone, isObject, jsonEqual } from '../types.js';
import type { ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf } from './controller.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The `data` of a ControllerRevision for a StatefulSet or DaemonSet: a strategic merge patch that
 * replaces `spec.template` (what `kubectl rollout undo` patches back).
 */
export function revisionData(owner: KubeObject): Loose {
  return { spec: { template: { ...clone(owner.spec.template ?? {}), $patch: 'replace' } } };
}

/** The pod template stored in a ControllerRevision (without the `$patch` directive). */
export function revisionTemplate(rev: KubeObject): Loose {
  const t = clone(rev.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

function canonical(value: Loose): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** A revision hash: FNV-32a of the data, decimal, safe-encoded (as `HashControllerRevision` does). */
export function revisionHash(data: Loose, collisionCount = 0): string {
  const text = canonical(data) + (collisionCount ? String(collisionCount) : '');
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return [...String(h)].map((ch) => ALPHABET[ch.charCodeAt(0) % ALPHABET.length]).join('');
}

/** ControllerRevisions controlled by `owner`, oldest revision first. */
export function ownedRevisions(ctx: ControllerContext, owner: KubeObject): KubeObject[] {
  return ctx.store
    .list('apps/controllerrevisions', owner.metadata.namespace)
    .filter((r) => controllerOf(r)?.uid === owner.metadata.uid)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}

/**
 * Finds or creates the ControllerRevision holding the owner's current template (the update
 * revision). A matching older revision is renumbered to the newest, as the real controllers do
 * after a rollback. `hashLabel` is the label the hash is recorded under.
 */
export function ensureUpdateRevision(
  ctx: ControllerContext,
  owner: KubeObject,
  hashLabel: string,
): KubeObject {
  const rt = ctx.type('apps', 'controllerrevisions');
  const revs = ownedRevisions(ctx, owner);
  const data = revisionData(owner);
  const max = Math.max(0, ...revs.map((r) => Number(r.revision ?? 0)));
  const match = revs.find((r) => jsonEqual(r.data, data));
  if (match) {
    if (Number(match.revision) >= max) return match;
    const next = clone(match);
    next.revision = max + 1;
    return ctx.api.update(rt, match.metadata.namespace, match.metadata.name!, next, CONTROLLER_MANAGER)
      .object;
  }
  for (let collision = 0; ; collision++) {
    const hash = revisionHash(data, collision);
    const name = `${owner.metadata.name}-${hash}`;
    if (ctx.api.find(rt, owner.metadata.namespace, name)) continue;
    const body: Loose = {
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        labels: { ...(owner.spec.template?.metadata?.labels ?? {}), [hashLabel]: hash },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: owner.kind,
            name: owner.metadata.name,
            uid: owner.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      data,
      revision: max + 1,
    };
    return ctx.api.create(rt, owner.metadata.namespace, body, CONTROLLER_MANAGER).object;
  }
}

/** Deletes revisions beyond `spec.revisionHistoryLimit` that no pod or status still names. */
export function cleanupRevisions(ctx: ControllerContext, owner: KubeObject, inUse: Set<string>): void {
  const rt = ctx.type('apps', 'controllerrevisions');
  const limit: number = owner.spec.revisionHistoryLimit ?? 10;
  const spare = ownedRevisions(ctx, owner).filter((r) => !inUse.has(r.metadata.name!));
  for (const r of spare.slice(0, Math.max(0, spare.length - limit)))
    ctx.api.delete(rt, r.metadata.namespace, r.metadata.name!, {});
}
