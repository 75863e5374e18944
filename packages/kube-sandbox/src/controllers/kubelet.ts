import type { KubeObject, Loose } from '../types.js';
import { clone, timestamp } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { keyOf, splitKey } from './controller.js';
import { failureModeOf } from './failure-modes.js';
import { cond, containers, ipFor, running, terminated, writeStatus } from './pod-status.js';
import { hostIpOf, schedule } from './scheduler.js';

const stageAt = new WeakMap<ControllerContext, Map<string, number>>();
const pendingDelete = new WeakMap<ControllerContext, Set<string>>();

function stages(ctx: ControllerContext): Map<string, number> {
  let m = stageAt.get(ctx);
  if (!m) stageAt.set(ctx, (m = new Map()));
  return m;
}

function start(ctx: ControllerContext, pod: KubeObject): void {
  const now = timestamp(ctx.clock.now());
  const ip = ipFor(pod.metadata.uid!);
  const hostIP = hostIpOf(ctx, pod.spec.nodeName);
  const names = containers(pod)
    .map((c) => c.name)
    .join(' ');
  writeStatus(ctx, pod, {
    ...pod.status,
    phase: 'Pending',
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    conditions: [
      cond('PodReadyToStartContainers', true, now),
      cond('Initialized', true, now),
      cond('Ready', false, now, 'ContainersNotReady', `containers with unready status: [${names}]`),
      cond('ContainersReady', false, now, 'ContainersNotReady', `containers with unready status: [${names}]`),
      cond('PodScheduled', true, now),
    ],
    containerStatuses: containers(pod).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    })),
  });
  for (const c of containers(pod))
    ctx.events.record(pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet');
}

function advance(ctx: ControllerContext, pod: KubeObject, key: string): void {
  const st = stages(ctx);
  const uid = pod.metadata.uid!;
  const mode = failureModeOf(pod, ctx.config.failureRules);
  const since = st.get(uid) ?? ctx.clock.now();
  if (!st.has(uid)) st.set(uid, since);
  const now = ctx.clock.now();
  const ts = timestamp(now);
  const phase = pod.status?.phase;
  const waitFor = (ms: number): boolean => {
    if (now - since >= ms) return true;
    ctx.enqueue('kubelet', key, ms - (now - since) + 1);
    return false;
  };
  const c0 = pod.status?.containerStatuses?.[0];
  if (phase === 'Pending' && c0?.state?.waiting?.reason === 'ContainerCreating') {
    if (!waitFor(ctx.config.podReadyDelayMs)) return;
    st.set(uid, now);
    if (mode === 'ImagePullBackOff') {
      const image = containers(pod)[0]?.image;
      const status = clone(pod.status);
      status.containerStatuses = status.containerStatuses.map((c: Loose) => ({
        ...c,
        state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } },
      }));
      writeStatus(ctx, pod, status);
      ctx.events.record(
        pod,
        'Warning',
        'Failed',
        `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
        'kubelet',
      );
      ctx.events.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet');
      ctx.events.record(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet');
      return;
    }
    if (mode === 'CreateContainerConfigError') {
      const status = clone(pod.status);
      status.containerStatuses = status.containerStatuses.map((c: Loose) => ({
        ...c,
        state: {
          waiting: { reason: 'CreateContainerConfigError', message: 'configmap or secret not found' },
        },
      }));
      writeStatus(ctx, pod, status);
      ctx.events.record(pod, 'Warning', 'Failed', 'Error: configmap or secret not found', 'kubelet');
      return;
    }
    for (const c of containers(pod)) {
      ctx.events.record(pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}"`, 'kubelet');
      ctx.events.record(pod, 'Normal', 'Created', `Created container ${c.name}`, 'kubelet');
      ctx.events.record(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet');
    }
    const crash = mode === 'CrashLoopBackOff';
    writeStatus(ctx, pod, running(pod, ts, !crash && mode !== 'NeverReady', crash ? 1 : 0, crash));
    if (crash)
      ctx.events.record(
        pod,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${containers(pod)[0]?.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
        'kubelet',
      );
    if (crash || pod.spec.restartPolicy !== 'Always')
      ctx.enqueue(
        'kubelet',
        key,
        (crash ? ctx.config.crashLoopIntervalMs : ctx.config.podCompleteDelayMs) + 1,
      );
    return;
  }
  if (phase === 'Running' && mode === 'CrashLoopBackOff') {
    if (!waitFor(ctx.config.crashLoopIntervalMs)) return;
    st.set(uid, now);
    const restarts = (c0?.restartCount ?? 0) + 1;
    writeStatus(ctx, pod, running(pod, ts, false, restarts, true));
    ctx.events.record(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${containers(pod)[0]?.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`,
      'kubelet',
    );
    ctx.enqueue('kubelet', key, ctx.config.crashLoopIntervalMs + 1);
    return;
  }
  if (phase === 'Running' && pod.spec.restartPolicy !== 'Always') {
    if (!waitFor(ctx.config.podCompleteDelayMs)) return;
    writeStatus(ctx, pod, terminated(pod, ts, mode !== 'Fail'));
  }
}

/** The scheduler stub and simulated kubelet (KWOK-style stages with failure injection). */
export const kubeletController: Controller = {
  name: 'kubelet',
  keysFor: (e) => (e.key === '/pods' && e.type !== 'DELETED' ? [keyOf(e.object)] : []),
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const pod = ctx.store.get('/pods', ns, name);
    if (!pod) return;
    if (pod.metadata.deletionTimestamp) {
      if ((pod.metadata.finalizers ?? []).length) return;
      let pending = pendingDelete.get(ctx);
      if (!pending) pendingDelete.set(ctx, (pending = new Set()));
      if (pending.has(pod.metadata.uid!)) return;
      pending.add(pod.metadata.uid!);
      ctx.events.record(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${containers(pod)[0]?.name}`,
        'kubelet',
      );
      ctx.clock.after(ctx.config.podDeleteDelayMs, () => {
        pending!.delete(pod.metadata.uid!);
        const cur = ctx.store.get('/pods', ns, name);
        if (cur && cur.metadata.uid === pod.metadata.uid) {
          try {
            ctx.api.delete(ctx.type('', 'pods'), ns, name, { gracePeriodSeconds: 0 });
          } catch {
            // Already gone.
          }
        }
      });
      return;
    }
    if (!pod.spec?.nodeName) {
      if (!pod.status?.conditions?.some((c: Loose) => c.reason === 'Unschedulable')) schedule(ctx, pod);
      return;
    }
    if (!pod.status?.podIP) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      stages(ctx).set(pod.metadata.uid!, ctx.clock.now());
      start(ctx, pod);
      ctx.enqueue('kubelet', key, ctx.config.podReadyDelayMs + 1);
      return;
    }
    advance(ctx, pod, key);
  },
};
