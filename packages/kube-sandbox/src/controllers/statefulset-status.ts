import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import type { ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER } from './controller.js';
import { availableIn, isRunningAndReady } from './pods.js';

/** The revision label StatefulSet pods carry (the full ControllerRevision name). */
export const REVISION_LABEL = 'controller-revision-hash';

/**
 * Computes and writes StatefulSet status the way `computeReplicaStatus` and
 * `completeRollingUpdate` do: counts over created pods, revisions from pod labels, and
 * `currentRevision` moved to `updateRevision` once every pod is updated and ready.
 */
export function writeStatefulSetStatus(
  ctx: ControllerContext,
  sts: KubeObject,
  pods: KubeObject[],
  currentRevision: string,
  updateRevision: string,
): void {
  const now = ctx.clock.now();
  const minReady: number = sts.spec.minReadySeconds ?? 0;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    if (p.status?.phase) replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      const wait = availableIn(p, minReady, now);
      if (wait === 0) available++;
      else if (wait > 0)
        ctx.enqueue('statefulset', `${sts.metadata.namespace}/${sts.metadata.name}`, wait + 10);
    }
    if (p.status?.phase && !p.metadata.deletionTimestamp) {
      const rev = p.metadata.labels?.[REVISION_LABEL];
      if (rev === currentRevision) current++;
      if (rev === updateRevision) updated++;
    }
  }
  let currentRev = currentRevision;
  if (sts.spec.updateStrategy?.type === 'RollingUpdate' && updated === replicas && ready === replicas) {
    current = updated;
    currentRev = updateRevision;
  }
  const st: Loose = {
    observedGeneration: sts.metadata.generation,
    replicas,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(current ? { currentReplicas: current } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    currentRevision: currentRev,
    updateRevision,
    collisionCount: sts.status?.collisionCount ?? 0,
    availableReplicas: available,
  };
  const next = clone(sts);
  next.status = st;
  ctx.api.update(ctx.type('apps', 'statefulsets'), sts.metadata.namespace, sts.metadata.name!, next, {
    ...CONTROLLER_MANAGER,
    subresource: 'status',
  });
}
