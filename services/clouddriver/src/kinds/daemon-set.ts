import { defineKind, generationPending, manifestStatus, noStatusYet, num, unstable } from './kind-handler.js';

/** DaemonSet: a server group with one pod per node; restarts rollouts. */
export const daemonSetKind = defineKind({
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  deployPriority: 100,
  category: 'serverGroups',
  cached: true,
  capabilities: { canRollingRestart: true, canLoadBalance: true, hasPodTemplate: true },
  status(object) {
    if (!object.status) return noStatusYet();
    if (generationPending(object))
      return unstable('Waiting for status generation to match updated object generation');
    if ((object.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return manifestStatus({});
    const s = object.status;
    const desired = num(s.desiredNumberScheduled);
    if (num(s.currentNumberScheduled) < desired) return unstable('Waiting for all replicas to be scheduled');
    if (num(s.updatedNumberScheduled) < desired)
      return unstable('Waiting for all updated replicas to be scheduled');
    if (num(s.numberAvailable) < desired) return unstable('Waiting for all replicas to be available', true);
    if (num(s.numberReady) < desired) return unstable('Waiting for all replicas to be ready');
    return manifestStatus({});
  },
});
