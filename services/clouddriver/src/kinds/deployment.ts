import {
  condition,
  defineKind,
  generationPending,
  manifestStatus,
  noStatusYet,
  num,
  unstable,
} from './kind-handler.js';

/** Deployment: a server group manager; scales, pauses, resumes, undoes and restarts rollouts. */
export const deploymentKind = defineKind({
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  deployPriority: 100,
  category: 'serverGroupManagers',
  cached: true,
  capabilities: {
    canScale: true,
    canPauseRollout: true,
    canResumeRollout: true,
    canUndoRollout: true,
    canRollingRestart: true,
    hasPodTemplate: true,
  },
  status(object) {
    if (!object.status) return noStatusYet();
    if (generationPending(object))
      return unstable('Waiting for status generation to match updated object generation');
    const available = condition(object, 'Available');
    if (available?.status === 'False')
      return unstable(available.message ?? 'Deployment is not available', true);
    const progressing = condition(object, 'Progressing');
    if (progressing?.reason === 'DeploymentPaused' || object.spec?.paused === true)
      return manifestStatus({ paused: { state: true, message: 'Deployment is paused' } });
    if (progressing?.reason === 'ProgressDeadlineExceeded')
      return manifestStatus({
        stable: { state: false, message: 'Deployment exceeded its progress deadline' },
        failed: { state: true, message: 'Deployment exceeded its progress deadline' },
      });
    const desired = num(object.spec?.replicas);
    const s = object.status;
    if (num(s.updatedReplicas) < desired) return unstable('Waiting for all replicas to be updated');
    if (num(s.replicas) > num(s.updatedReplicas))
      return unstable('Waiting for old replicas to finish termination');
    if (num(s.availableReplicas) < desired) return unstable('Waiting for all replicas to be available', true);
    if (num(s.readyReplicas) < desired) return unstable('Waiting for all replicas to be ready');
    return manifestStatus({});
  },
});
