import { defineKind, generationPending, manifestStatus, noStatusYet, num, unstable } from './kind-handler.js';

/** ReplicaSet: Spinnaker's versioned server group (`-v000`); scales and takes traffic. */
export const replicaSetKind = defineKind({
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  versioned: true,
  deployPriority: 100,
  category: 'serverGroups',
  cached: true,
  capabilities: { canScale: true, canLoadBalance: true, hasPodTemplate: true },
  status(object) {
    if (!object.status) return noStatusYet();
    const desired = num(object.spec?.replicas ?? 1);
    const s = object.status;
    if (desired > num(s.fullyLabeledReplicas))
      return unstable('Waiting for all replicas to be fully-labeled', true);
    if (desired > num(s.readyReplicas)) return unstable('Waiting for all replicas to be ready', true);
    if (desired > num(s.availableReplicas)) return unstable('Waiting for all replicas to be available', true);
    if (generationPending(object)) return unstable('Waiting for replicaset spec update to be observed');
    return manifestStatus({});
  },
});
