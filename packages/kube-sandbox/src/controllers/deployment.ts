import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import { getCondition, setCondition } from './conditions.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf, keyOf, splitKey } from './controller.js';
import {
  copiedAnnotations,
  DESIRED,
  fenceposts,
  MAX,
  REVISION,
  REVISION_HISTORY,
  revisionOf,
  sameTemplate,
  templateHash,
} from './deployment-util.js';

const COMPONENT = 'deployment-controller';

function ownedReplicaSets(ctx: ControllerContext, d: KubeObject): KubeObject[] {
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

function scaleRs(ctx: ControllerContext, d: KubeObject, rs: KubeObject, replicas: number): KubeObject {
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

function ensureNewRs(
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

function rolling(
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

function cleanup(ctx: ControllerContext, d: KubeObject, old: KubeObject[]): void {
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

function syncStatus(
  ctx: ControllerContext,
  d: KubeObject,
  all: KubeObject[],
  newRs: KubeObject | undefined,
  created: boolean,
): void {
  const now = ctx.clock.now();
  const sum = (f: (rs: KubeObject) => number): number => all.reduce((s, rs) => s + f(rs), 0);
  const replicas: number = d.spec.replicas;
  const { unavailable } = fenceposts(d);
  const prev = d.status ?? {};
  const st: Loose = { observedGeneration: d.metadata.generation };
  const counts: [string, number][] = [
    ['replicas', sum((rs) => rs.status?.replicas ?? 0)],
    ['updatedReplicas', newRs?.status?.replicas ?? 0],
    ['readyReplicas', sum((rs) => rs.status?.readyReplicas ?? 0)],
    ['availableReplicas', sum((rs) => rs.status?.availableReplicas ?? 0)],
    [
      'unavailableReplicas',
      Math.max(0, sum((rs) => rs.spec.replicas ?? 0) - sum((rs) => rs.status?.availableReplicas ?? 0)),
    ],
  ];
  for (const [k, v] of counts) if (v) st[k] = v;
  if (prev.collisionCount) st.collisionCount = prev.collisionCount;
  let conds: Loose[] = clone(prev.conditions ?? []);
  const avail =
    (st.availableReplicas ?? 0) >= replicas - (d.spec.strategy?.type === 'RollingUpdate' ? unavailable : 0);
  conds = setCondition(
    conds,
    avail
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
    true,
  );
  const progressing = getCondition(conds, 'Progressing');
  const rsName = newRs?.metadata.name ?? '';
  const deadline = d.spec.progressDeadlineSeconds;
  if (d.spec.paused) {
    conds = setCondition(
      conds,
      { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
      now,
      true,
    );
  } else if (progressing?.reason === 'DeploymentPaused') {
    conds = setCondition(
      conds,
      {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentResumed',
        message: 'Deployment is resumed',
      },
      now,
      true,
    );
  } else if (deadline !== undefined && newRs) {
    const complete =
      (st.updatedReplicas ?? 0) === replicas &&
      (st.replicas ?? 0) === replicas &&
      (st.availableReplicas ?? 0) === replicas;
    const moved =
      (st.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0) ||
      (st.readyReplicas ?? 0) > (prev.readyReplicas ?? 0) ||
      (st.availableReplicas ?? 0) > (prev.availableReplicas ?? 0) ||
      (st.replicas ?? 0) < (prev.replicas ?? 0);
    if (complete) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rsName}" has successfully progressed.`,
        },
        now,
        true,
      );
    } else if (created) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetCreated',
          message: `Created new replica set "${rsName}"`,
        },
        now,
        true,
        true,
      );
    } else if (!progressing) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'FoundNewReplicaSet',
          message: `Found new replica set "${rsName}"`,
        },
        now,
        true,
        true,
      );
    } else if (moved || progressing.reason === 'NewReplicaSetAvailable') {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${rsName}" is progressing.`,
        },
        now,
        true,
        true,
      );
    } else if (progressing.reason !== 'ProgressDeadlineExceeded') {
      const last = Date.parse(progressing.lastUpdateTime ?? progressing.lastTransitionTime);
      const due = last + deadline * 1000;
      if (now >= due) {
        conds = setCondition(
          conds,
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `ReplicaSet "${rsName}" has timed out progressing.`,
          },
          now,
          true,
        );
      } else ctx.enqueue('deployment', keyOf(d), due - now + 50);
    }
  }
  st.conditions = conds;
  const next = clone(d);
  next.status = st;
  if (newRs)
    next.metadata.annotations = {
      ...(next.metadata.annotations ?? {}),
      [REVISION]: String(revisionOf(newRs)),
    };
  ctx.api.update(ctx.type('apps', 'deployments'), d.metadata.namespace, d.metadata.name!, next, {
    ...CONTROLLER_MANAGER,
    subresource: 'status',
  });
}

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
