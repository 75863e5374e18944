import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import { getCondition } from './conditions.js';
import type { ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf } from './controller.js';

/** True for a pod that counts toward a controller's replicas. */
export function isActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** True for a Running pod whose Ready condition is True (the StatefulSet/DaemonSet notion). */
export function isRunningAndReady(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running' && isReady(pod);
}

/** True when the pod's Ready condition is True. */
export function isReady(pod: KubeObject): boolean {
  return getCondition(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** Milliseconds until the pod has been ready for `minReadySeconds` (0 = available now, -1 = not ready). */
export function availableIn(pod: KubeObject, minReadySeconds: number, now: number): number {
  if (!isReady(pod)) return -1;
  if (!minReadySeconds) return 0;
  const since = Date.parse(getCondition(pod.status.conditions, 'Ready').lastTransitionTime);
  return Math.max(0, since + minReadySeconds * 1000 - now);
}

/** Pods in the namespace controlled by `owner`. */
export function ownedPods(ctx: ControllerContext, owner: KubeObject): KubeObject[] {
  return ctx.store
    .list('/pods', owner.metadata.namespace)
    .filter((p) => controllerOf(p)?.uid === owner.metadata.uid);
}

/** Creates a pod from a template, owned by `owner`. */
export function createPod(
  ctx: ControllerContext,
  owner: KubeObject,
  template: Loose,
  extra: {
    name?: string;
    labels?: Record<string, string>;
    spec?: Loose;
    finalizers?: string[];
    /** Event message (default `Created pod: <name>`). */
    event?: (name: string) => string;
  } = {},
): KubeObject {
  const t = clone(template ?? {});
  const body: Loose = {
    metadata: {
      ...(extra.name ? { name: extra.name } : { generateName: `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(extra.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { ...(t.spec ?? {}), ...(extra.spec ?? {}) },
  };
  const pod = ctx.api.create(ctx.type('', 'pods'), owner.metadata.namespace, body, CONTROLLER_MANAGER).object;
  ctx.events.record(
    owner,
    'Normal',
    'SuccessfulCreate',
    extra.event ? extra.event(pod.metadata.name!) : `Created pod: ${pod.metadata.name}`,
    `${owner.kind.toLowerCase()}-controller`,
  );
  return pod;
}

/** Deletes a pod on behalf of `owner` (graceful, like a controller). */
export function deletePod(
  ctx: ControllerContext,
  owner: KubeObject,
  pod: KubeObject,
  message = `Deleted pod: ${pod.metadata.name}`,
): void {
  ctx.api.delete(ctx.type('', 'pods'), pod.metadata.namespace, pod.metadata.name!, {});
  ctx.events.record(owner, 'Normal', 'SuccessfulDelete', message, `${owner.kind.toLowerCase()}-controller`);
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Orders pods the way the ReplicaSet controller deletes them (first = deleted first). */
export function deletionOrder(a: KubeObject, b: KubeObject): number {
  const sa = a.spec?.nodeName ? 1 : 0;
  const sb = b.spec?.nodeName ? 1 : 0;
  if (sa !== sb) return sa - sb;
  const pa = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isReady(a) ? 1 : 0;
  const rb = isReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  const restarts = (p: KubeObject): number =>
    ((p.status?.containerStatuses ?? []) as Loose[]).reduce((s, c) => s + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
    ? -1
    : a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
      ? 1
      : 0;
}
