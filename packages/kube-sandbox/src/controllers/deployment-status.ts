import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import { getCondition, setCondition } from './conditions.js';
import type { ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, keyOf } from './controller.js';
import { fenceposts, REVISION, revisionOf } from './deployment-util.js';

/**
 * Writes Deployment status from its ReplicaSets: counters, observedGeneration, the revision
 * annotation, and the Available/Progressing conditions (paused, resumed, new RS created/found/
 * progressing/available, progress deadline exceeded).
 */
export function syncStatus(
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
