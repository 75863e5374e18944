import { selectorMatches } from '../store/selectors.js';
import type { Loose } from '../types.js';
import { clone } from '../types.js';
import type { Controller } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf, keyOf, splitKey } from './controller.js';
import { availableIn, createPod, deletePod, deletionOrder, isActive, isReady, ownedPods } from './pods.js';

/** The ReplicaSet controller: keeps `spec.replicas` active pods and reports their readiness. */
export const replicaSetController: Controller = {
  name: 'replicaset',
  keysFor(e) {
    if (e.key === 'apps/replicasets') return [keyOf(e.object)];
    if (e.key === '/pods') {
      const owner = controllerOf(e.object);
      return owner?.kind === 'ReplicaSet' ? [`${e.object.metadata.namespace}/${owner.name}`] : [];
    }
    return [];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const rs = ctx.store.get('apps/replicasets', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const want: number = rs.spec.replicas ?? 1;
    let active = ownedPods(ctx, rs).filter(isActive);
    const diff = active.length - want;
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) createPod(ctx, rs, rs.spec.template);
    } else if (diff > 0) {
      for (const pod of [...active].sort(deletionOrder).slice(0, diff)) deletePod(ctx, rs, pod);
    }
    const pods = ownedPods(ctx, rs);
    active = pods.filter(isActive);
    const now = ctx.clock.now();
    const minReady = rs.spec.minReadySeconds ?? 0;
    let available = 0;
    for (const p of active) {
      const wait = availableIn(p, minReady, now);
      if (wait === 0) available++;
      else if (wait > 0) ctx.enqueue('replicaset', key, wait + 10);
    }
    const labels = rs.spec.template?.metadata?.labels ?? {};
    const st: Loose = {
      replicas: active.length,
      observedGeneration: rs.metadata.generation,
    };
    const fully = active.filter((p) => selectorMatches({ matchLabels: labels }, p.metadata.labels)).length;
    if (fully) st.fullyLabeledReplicas = fully;
    const ready = active.filter(isReady).length;
    if (ready) st.readyReplicas = ready;
    if (available) st.availableReplicas = available;
    const next = clone(rs);
    next.status = st;
    ctx.api.update(ctx.type('apps', 'replicasets'), ns, name, next, {
      ...CONTROLLER_MANAGER,
      subresource: 'status',
    });
  },
};
