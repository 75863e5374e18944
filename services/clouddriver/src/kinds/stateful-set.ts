import { defineKind, generationPending, manifestStatus, noStatusYet, num, unstable } from './kind-handler.js';

/** StatefulSet: a server group; scales, restarts and takes traffic. */
export const statefulSetKind = defineKind({
  kind: 'StatefulSet',
  apiVersion: 'apps/v1',
  deployPriority: 100,
  category: 'serverGroups',
  cached: true,
  capabilities: { canScale: true, canRollingRestart: true, canLoadBalance: true, hasPodTemplate: true },
  status(object) {
    if (object.spec?.updateStrategy?.type === 'OnDelete') return manifestStatus({});
    if (!object.status) return noStatusYet();
    if (generationPending(object))
      return unstable('Waiting for status generation to match updated object generation');
    const desired = num(object.spec?.replicas ?? 1);
    const s = object.status;
    if (num(s.replicas) < desired)
      return unstable('Waiting for at least the desired replica count to be met');
    if (num(s.readyReplicas) < desired) return unstable('Waiting for all updated replicas to be ready', true);
    const partition = object.spec?.updateStrategy?.rollingUpdate?.partition;
    if (partition !== undefined && partition !== null) {
      if (num(s.updatedReplicas) < num(s.replicas) - num(partition))
        return unstable('Waiting for partitioned roll out to finish');
      return manifestStatus({ stable: { state: true, message: 'Partitioned roll out complete' } });
    }
    if (num(s.currentReplicas) < desired) return unstable('Waiting for all updated replicas to be scheduled');
    if (s.currentRevision !== s.updateRevision)
      return unstable('Waiting for the updated revision to match the current revision');
    return manifestStatus({});
  },
});
