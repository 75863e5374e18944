import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import type { ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf } from './controller.js';
import {
  copiedAnnotations,
  DESIRED,
  fenceposts,
  MAX,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  templateHash,
} from './deployment-util.js';

/** The Events source component of the Deployment controller. */
export const COMPONENT = 'deployment-controller';

/** ReplicaSets controlled by the Deployment, oldest first. */
export function ownedReplicaSets(ctx: ControllerContext, d: KubeObject): KubeObject[] {
  return ctx.store
    .list('apps/replicasets', d.metadata.namespace)
    .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid)
    .sort((a, b) =>
      a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
        ? -1
        : a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
          ? 1
          : a.metadata.name! < b.metadata.name!
            ? -1
            : 1,
    );
}

/** Scales one ReplicaSet, updating the desired/max annotations and emitting ScalingReplicaSet. */
export function scaleRs(ctx: ControllerContext, d: KubeObject, rs: KubeObject, replicas: number): KubeObject {
  const rt = ctx.type('apps', 'replicasets');
  const from = rs.spec.replicas ?? 0;
  const next = clone(rs);
  next.spec.replicas = replicas;
  const { surge } = fenceposts(d);
  next.metadata.annotations = {
    ...(next.metadata.annotations ?? {}),
    [DESIRED]: String(d.spec.replicas),
    [MAX]: String(d.spec.replicas + surge),
  };
  const { object } = ctx.api.update(rt, rs.metadata.namespace, rs.metadata.name!, next, CONTROLLER_MANAGER);
  if (from !== replicas) {
    const dir = replicas > from ? 'up' : 'down';
    ctx.events.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${dir} replica set ${rs.metadata.name} to ${replicas} from ${from}`,
      COMPONENT,
    );
  }
  return object;
}

/**
 * Returns the ReplicaSet for the current template: creates it (revision max+1, pod-template-hash,
 * collision handling) or brings an existing one's revision and copied annotations up to date.
 */
export function ensureNewRs(
  ctx: ControllerContext,
  d: KubeObject,
  all: KubeObject[],
  old: KubeObject[],
  existing: KubeObject | undefined,
  replicas: number,
): KubeObject {
  const rt = ctx.type('apps', 'replicasets');
  const maxOld = Math.max(0, ...old.map(revisionOf));
  const { surge } = fenceposts(d);
  if (existing) {
    const rev = revisionOf(existing);
    const annotations = { ...(existing.metadata.annotations ?? {}), ...copiedAnnotations(d) };
    if (rev <= maxOld) {
      annotations[REVISION] = String(maxOld + 1);
      const hist = annotations[REVISION_HISTORY];
      if (rev > 0) annotations[REVISION_HISTORY] = hist ? `${hist},${rev}` : String(rev);
    }
    if (JSON.stringify(annotations) === JSON.stringify(existing.metadata.annotations ?? {})) return existing;
    const next = clone(existing);
    next.metadata.annotations = annotations;
    return ctx.api.update(rt, next.metadata.namespace, next.metadata.name!, next, CONTROLLER_MANAGER).object;
  }
  const hash = templateHash(d.spec.template, d.status?.collisionCount ?? 0);
  const template = clone(d.spec.template);
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), 'pod-template-hash': hash };
  const name = `${d.metadata.name}-${hash}`;
  const body: Loose = {
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: {
        ...copiedAnnotations(d),
        [REVISION]: String(maxOld + 1),
        [DESIRED]: String(d.spec.replicas),
        [MAX]: String(d.spec.replicas + surge),
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: {
        ...clone(d.spec.selector),
        matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash },
      },
      template,
    },
  };
  const clash = ctx.api.find(rt, d.metadata.namespace, name);
  if (clash) {
    const status = clone(d.status ?? {});
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    ctx.api.update(
      ctx.type('apps', 'deployments'),
      d.metadata.namespace,
      d.metadata.name!,
      { ...clone(d), status },
      { ...CONTROLLER_MANAGER, subresource: 'status' },
    );
    throw new Error('pod-template-hash collision');
  }
  const created = ctx.api.create(rt, d.metadata.namespace, body, CONTROLLER_MANAGER).object;
  if (replicas > 0) {
    ctx.events.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${name} to ${replicas}`,
      COMPONENT,
    );
  }
  all.push(created);
  return created;
}

/**
 * One rolling-update step honouring maxSurge/maxUnavailable: scale the new ReplicaSet up within
 * the surge room, then old ones down (unhealthy first) within the availability budget.
 */
export function rolling(
  ctx: ControllerContext,
  d: KubeObject,
  all: KubeObject[],
  newRs: KubeObject,
  old: KubeObject[],
): boolean {
  const replicas: number = d.spec.replicas;
  const { surge, unavailable } = fenceposts(d);
  const total = all.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  const cur = newRs.spec.replicas ?? 0;
  if (cur < replicas) {
    const room = replicas + surge - total;
    if (room > 0) {
      scaleRs(ctx, d, newRs, Math.min(cur + room, replicas));
      return true;
    }
  } else if (cur > replicas) {
    scaleRs(ctx, d, newRs, replicas);
    return true;
  }
  const minAvailable = replicas - unavailable;
  const newUnavailable = (newRs.spec.replicas ?? 0) - (newRs.status?.availableReplicas ?? 0);
  let budget = total - minAvailable - newUnavailable;
  if (budget <= 0) return false;
  let scaled = false;
  for (const rs of old) {
    if (budget <= 0) break;
    const spec = rs.spec.replicas ?? 0;
    const unhealthy = spec - (rs.status?.availableReplicas ?? 0);
    if (spec === 0 || unhealthy <= 0) continue;
    const down = Math.min(unhealthy, budget);
    scaleRs(ctx, d, rs, spec - down);
    budget -= down;
    scaled = true;
  }
  if (scaled) return true;
  const available = all.reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
  let excess = Math.min(budget, available - minAvailable);
  for (const rs of old) {
    if (excess <= 0) break;
    const spec = rs.spec.replicas ?? 0;
    if (spec === 0) continue;
    const down = Math.min(spec, excess);
    scaleRs(ctx, d, rs, spec - down);
    excess -= down;
    scaled = true;
  }
  return scaled;
}

/** Deletes old, empty ReplicaSets beyond `revisionHistoryLimit`. */
export function cleanup(ctx: ControllerContext, d: KubeObject, old: KubeObject[]): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const dead = old
    .filter(
      (rs) =>
        (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  const rt = ctx.type('apps', 'replicasets');
  for (const rs of dead.slice(0, Math.max(0, dead.length - limit))) {
    ctx.api.delete(rt, rs.metadata.namespace, rs.metadata.name!, { propagationPolicy: 'Background' });
  }
}
