import type { KubeObject, Loose } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf, keyOf, splitKey } from './controller.js';
import { createPod, deletePod, isRunningAndReady, ownedPods } from './pods.js';
import { cleanupRevisions, ensureUpdateRevision, ownedRevisions, revisionTemplate } from './revisions.js';
import { REVISION_LABEL, writeStatefulSetStatus } from './statefulset-status.js';

function ordinalOf(sts: KubeObject, pod: KubeObject): number {
  const prefix = `${sts.metadata.name}-`;
  const name = pod.metadata.name!;
  if (!name.startsWith(prefix)) return -1;
  const n = Number(name.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** Creates the PersistentVolumeClaims of `volumeClaimTemplates` for one ordinal (bound at once). */
function ensureClaims(ctx: ControllerContext, sts: KubeObject, ordinal: number): Loose[] {
  const rt = ctx.type('', 'persistentvolumeclaims');
  const volumes: Loose[] = [];
  for (const t of (sts.spec.volumeClaimTemplates ?? []) as Loose[]) {
    const claimName = `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`;
    volumes.push({ name: t.metadata?.name, persistentVolumeClaim: { claimName } });
    if (ctx.api.find(rt, sts.metadata.namespace, claimName)) continue;
    const pvc = ctx.api.create(
      rt,
      sts.metadata.namespace,
      {
        metadata: {
          name: claimName,
          namespace: sts.metadata.namespace,
          labels: { ...(sts.spec.selector?.matchLabels ?? {}) },
        },
        spec: { volumeMode: 'Filesystem', ...(t.spec ?? {}) },
      },
      CONTROLLER_MANAGER,
    ).object;
    ctx.api.update(
      rt,
      sts.metadata.namespace,
      claimName,
      {
        ...pvc,
        status: {
          phase: 'Bound',
          accessModes: t.spec?.accessModes ?? ['ReadWriteOnce'],
          capacity: t.spec?.resources?.requests ?? {},
        },
      },
      { ...CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
  return volumes;
}

function createOrdinal(ctx: ControllerContext, sts: KubeObject, ordinal: number, rev: KubeObject): void {
  const name = `${sts.metadata.name}-${ordinal}`;
  const template = revisionTemplate(rev);
  const claims = ensureClaims(ctx, sts, ordinal);
  const volumes = [
    ...((template.spec?.volumes ?? []) as Loose[]).filter((v) => !claims.some((c) => c.name === v.name)),
    ...claims,
  ];
  createPod(ctx, sts, template, {
    name,
    labels: {
      [REVISION_LABEL]: rev.metadata.name!,
      'statefulset.kubernetes.io/pod-name': name,
      'apps.kubernetes.io/pod-index': String(ordinal),
    },
    spec: {
      hostname: name,
      ...(sts.spec.serviceName ? { subdomain: sts.spec.serviceName } : {}),
      ...(volumes.length ? { volumes } : {}),
    },
    event: (n) => `create Pod ${n} in StatefulSet ${sts.metadata.name} successful`,
  });
}

function remove(ctx: ControllerContext, sts: KubeObject, pod: KubeObject): void {
  deletePod(ctx, sts, pod, `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
}

/**
 * Brings pods toward the spec: creates missing ordinals (one at a time, each after the previous is
 * Running and Ready, for OrderedReady; all at once for Parallel), replaces failed pods, removes
 * ordinals beyond `replicas` from the highest down, and rolls pods to the update revision from the
 * highest ordinal down to `partition`, one at a time once every pod is ready.
 */
function syncPods(ctx: ControllerContext, sts: KubeObject, current: KubeObject, update: KubeObject): void {
  const replicas: number = sts.spec.replicas ?? 1;
  const ordered = sts.spec.podManagementPolicy !== 'Parallel';
  const rolling = sts.spec.updateStrategy?.type === 'RollingUpdate';
  const partition: number = rolling ? (sts.spec.updateStrategy.rollingUpdate?.partition ?? 0) : 0;
  const byOrdinal = new Map<number, KubeObject>();
  for (const p of ownedPods(ctx, sts)) {
    const i = ordinalOf(sts, p);
    if (i >= 0) byOrdinal.set(i, p);
  }
  let healthy = true;
  for (let i = 0; i < replicas; i++) {
    const pod = byOrdinal.get(i);
    if (!pod) {
      createOrdinal(ctx, sts, i, rolling && i < partition ? current : update);
      healthy = false;
      if (ordered) return;
      continue;
    }
    const phase = pod.status?.phase;
    if (!pod.metadata.deletionTimestamp && (phase === 'Failed' || phase === 'Succeeded'))
      remove(ctx, sts, pod);
    if (pod.metadata.deletionTimestamp || !isRunningAndReady(pod)) {
      healthy = false;
      if (ordered) return;
    }
  }
  const condemned = [...byOrdinal.entries()].filter(([i]) => i >= replicas).sort(([a], [b]) => b - a);
  for (const [, pod] of condemned) {
    if (ordered && !healthy) return;
    if (!pod.metadata.deletionTimestamp) remove(ctx, sts, pod);
    if (ordered) return;
  }
  if (!rolling || !healthy || condemned.length) return;
  for (let i = replicas - 1; i >= partition; i--) {
    const pod = byOrdinal.get(i)!;
    if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name) {
      remove(ctx, sts, pod);
      return;
    }
  }
}

/** The StatefulSet controller: stable ordinal pods, ControllerRevisions, rolling updates, status. */
export const statefulSetController: Controller = {
  name: 'statefulset',
  keysFor(e) {
    if (e.key === 'apps/statefulsets') return [keyOf(e.object)];
    if (e.key === '/pods') {
      const owner = controllerOf(e.object);
      return owner?.kind === 'StatefulSet' ? [`${e.object.metadata.namespace}/${owner.name}`] : [];
    }
    return [];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const sts = ctx.store.get('apps/statefulsets', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const update = ensureUpdateRevision(ctx, sts, 'controller.kubernetes.io/hash');
    const current =
      ownedRevisions(ctx, sts).find((r) => r.metadata.name === sts.status?.currentRevision) ?? update;
    syncPods(ctx, sts, current, update);
    const pods = ownedPods(ctx, sts).filter((p) => ordinalOf(sts, p) >= 0);
    const inUse = new Set([current.metadata.name!, update.metadata.name!]);
    for (const p of pods) inUse.add(p.metadata.labels?.[REVISION_LABEL] ?? '');
    cleanupRevisions(ctx, sts, inUse);
    writeStatefulSetStatus(ctx, sts, pods, current.metadata.name!, update.metadata.name!);
  },
};
