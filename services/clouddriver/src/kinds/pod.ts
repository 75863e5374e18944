import { defineKind, manifestStatus, noStatusYet, unstable } from './kind-handler.js';

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { reason?: string; exitCode?: number };
  };
}

/** Why a pod's containers are not running well (CrashLoopBackOff, ImagePullBackOff…), or undefined. */
export function podProblem(object: {
  status?: { containerStatuses?: ContainerStatus[] };
}): string | undefined {
  for (const c of object.status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'ContainerCreating' && waiting.reason !== 'PodInitializing')
      return `container ${c.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
  }
  return undefined;
}

/** Reasons that mean a pod will not get better by waiting. */
export const FATAL_WAITING_REASONS = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
];

/** Pod: an instance (also versioned when deployed bare); stable when running or succeeded. */
export const podKind = defineKind({
  kind: 'Pod',
  apiVersion: 'v1',
  versioned: true,
  deployPriority: 100,
  category: 'instances',
  cached: true,
  capabilities: { canLoadBalance: true },
  status(object) {
    if (!object.status) return noStatusYet();
    const phase = object.status.phase as string | undefined;
    if (phase === 'Running' || phase === 'Succeeded') {
      const problem = podProblem(object);
      if (problem && FATAL_WAITING_REASONS.some((r) => problem.includes(r)))
        return manifestStatus({
          stable: { state: false, message: problem },
          available: { state: false, message: problem },
          failed: { state: true, message: problem },
        });
      return manifestStatus({});
    }
    const problem = podProblem(object);
    if (problem && FATAL_WAITING_REASONS.some((r) => problem.includes(r)))
      return manifestStatus({
        stable: { state: false, message: problem },
        available: { state: false, message: problem },
        failed: { state: true, message: problem },
      });
    return unstable(`Pod is ${phase ?? 'not yet scheduled'}`, true);
  },
});
