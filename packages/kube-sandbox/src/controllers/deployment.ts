import type { Controller } from './controller.js';
import { controllerOf, keyOf, splitKey } from './controller.js';
import { cleanup, ensureNewRs, ownedReplicaSets, rolling, scaleRs } from './deployment-rollout.js';
import { syncStatus } from './deployment-status.js';
import { fenceposts, sameTemplate } from './deployment-util.js';

/** The Deployment controller: rolling update, recreate, pause, revisions, history, conditions. */
export const deploymentController: Controller = {
  name: 'deployment',
  keysFor(e) {
    if (e.key === 'apps/deployments') return [keyOf(e.object)];
    if (e.key === 'apps/replicasets') {
      const owner = controllerOf(e.object);
      return owner?.kind === 'Deployment' ? [`${e.object.metadata.namespace}/${owner.name}`] : [];
    }
    return [];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const d = ctx.store.get('apps/deployments', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const all = ownedReplicaSets(ctx, d);
    const matching = all.filter((rs) => sameTemplate(rs.spec.template, d.spec.template));
    let newRs = matching[0];
    const old = all.filter((rs) => rs !== newRs);
    const replicas: number = d.spec.replicas;
    let created = false;
    if (d.spec.paused) {
      if (newRs && old.every((rs) => (rs.spec.replicas ?? 0) === 0) && newRs.spec.replicas !== replicas)
        scaleRs(ctx, d, newRs, replicas);
      return syncStatus(
        ctx,
        d,
        ownedReplicaSets(ctx, d),
        newRs && ctx.store.get('apps/replicasets', ns, newRs.metadata.name!),
        false,
      );
    }
    if (d.spec.strategy?.type === 'Recreate') {
      let waiting = false;
      for (const rs of old) {
        if ((rs.spec.replicas ?? 0) > 0) {
          scaleRs(ctx, d, rs, 0);
          waiting = true;
        }
      }
      if (!waiting && old.some((rs) => (rs.status?.replicas ?? 0) > 0)) waiting = true;
      if (!waiting) {
        created = !newRs;
        newRs = ensureNewRs(ctx, d, all, old, newRs, replicas);
        if (newRs.spec.replicas !== replicas) newRs = scaleRs(ctx, d, newRs, replicas);
      }
    } else {
      if (!newRs) {
        const total = old.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
        const initial = old.length
          ? Math.max(0, Math.min(replicas + fenceposts(d).surge - total, replicas))
          : replicas;
        created = true;
        newRs = ensureNewRs(ctx, d, all, old, undefined, initial);
      } else newRs = ensureNewRs(ctx, d, all, old, newRs, replicas);
      if (!created)
        rolling(
          ctx,
          d,
          all.map((rs) => (rs.metadata.uid === newRs!.metadata.uid ? newRs! : rs)),
          newRs,
          old,
        );
    }
    cleanup(ctx, d, old);
    const fresh = ownedReplicaSets(ctx, d);
    syncStatus(ctx, d, fresh, newRs && fresh.find((rs) => rs.metadata.uid === newRs!.metadata.uid), created);
  },
};
