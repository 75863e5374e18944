import { createHash } from 'node:crypto';
import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import type { ControllerContext } from './controller.js';

/** A stable pod IP (10.244.x.y) derived from the pod uid. */
export function ipFor(uid: string): string {
  const h = createHash('sha1').update(uid).digest();
  return `10.244.${h[0]! % 200}.${(h[1]! % 250) + 2}`;
}

/** A containerd-style container ID for a pod's container. */
export function containerId(uid: string, name: string): string {
  return `containerd://${createHash('sha256')
    .update(uid + name)
    .digest('hex')}`;
}

/** A pod condition as the kubelet writes it. */
export function cond(type: string, ok: boolean, ts: string, reason?: string, message?: string): Loose {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: ts,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** Writes a pod's status through the status subresource on behalf of `manager`. */
export function writeStatus(
  ctx: ControllerContext,
  pod: KubeObject,
  status: Loose,
  manager = 'kubelet',
): void {
  const next = clone(pod);
  next.status = status;
  ctx.api.update(ctx.type('', 'pods'), pod.metadata.namespace, pod.metadata.name!, next, {
    fieldManager: manager,
    subresource: 'status',
  });
}

/** The pod's containers. */
export function containers(pod: KubeObject): Loose[] {
  return (pod.spec?.containers ?? []) as Loose[];
}

/** Status of a Running pod (ready or not, optionally crash-looping with `restarts`). */
export function running(pod: KubeObject, now: string, ready: boolean, restarts = 0, crash = false): Loose {
  const names = containers(pod)
    .map((c) => c.name)
    .join(' ');
  return {
    ...pod.status,
    phase: 'Running',
    conditions: [
      cond('PodReadyToStartContainers', true, now),
      cond('Initialized', true, now),
      ready
        ? cond('Ready', true, now)
        : cond('Ready', false, now, 'ContainersNotReady', `containers with unready status: [${names}]`),
      ready
        ? cond('ContainersReady', true, now)
        : cond(
            'ContainersNotReady',
            false,
            now,
            'ContainersNotReady',
            `containers with unready status: [${names}]`,
          ),
      cond('PodScheduled', true, now),
    ].map((c) => (c.type === 'ContainersNotReady' ? { ...c, type: 'ContainersReady' } : c)),
    containerStatuses: containers(pod).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: `docker.io/library/${c.image}@sha256:${createHash('sha256').update(String(c.image)).digest('hex')}`,
      containerID: containerId(pod.metadata.uid!, c.name),
      ready,
      started: !crash,
      restartCount: restarts,
      state: crash
        ? {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${Math.min(300, 10 * 2 ** Math.max(0, restarts - 1))}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          }
        : { running: { startedAt: now } },
      lastState: crash
        ? {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: now,
              finishedAt: now,
              containerID: containerId(pod.metadata.uid!, c.name),
            },
          }
        : {},
    })),
  };
}

/** Status of a pod whose containers ran to completion (`ok`) or failed (exit 1). */
export function terminated(pod: KubeObject, now: string, ok: boolean): Loose {
  return {
    ...pod.status,
    phase: ok ? 'Succeeded' : 'Failed',
    conditions: (pod.status.conditions as Loose[]).map((c) =>
      c.type === 'Ready' || c.type === 'ContainersReady'
        ? { ...cond(c.type, false, now, ok ? 'PodCompleted' : 'PodFailed') }
        : c,
    ),
    containerStatuses: containers(pod).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      containerID: containerId(pod.metadata.uid!, c.name),
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: ok ? 0 : 1,
          reason: ok ? 'Completed' : 'Error',
          startedAt: now,
          finishedAt: now,
          containerID: containerId(pod.metadata.uid!, c.name),
        },
      },
      lastState: {},
    })),
  };
}
