import { createHash } from 'node:crypto';
import type { KubeObject, Loose } from '../types.js';
import { clone, timestamp } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { keyOf, splitKey } from './controller.js';
import { failureModeOf } from './failure-modes.js';

const stageAt = new WeakMap<ControllerContext, Map<string, number>>();
const pendingDelete = new WeakMap<ControllerContext, Set<string>>();

function stages(ctx: ControllerContext): Map<string, number> {
  let m = stageAt.get(ctx);
  if (!m) stageAt.set(ctx, (m = new Map()));
  return m;
}

function ipFor(uid: string): string {
  const h = createHash('sha1').update(uid).digest();
  return `10.244.${h[0]! % 200}.${(h[1]! % 250) + 2}`;
}

function containerId(uid: string, name: string): string {
  return `containerd://${createHash('sha256')
    .update(uid + name)
    .digest('hex')}`;
}

function cond(type: string, ok: boolean, ts: string, reason?: string, message?: string): Loose {
  return {
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: ts,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function writeStatus(ctx: ControllerContext, pod: KubeObject, status: Loose, manager = 'kubelet'): void {
  const next = clone(pod);
  next.status = status;
  ctx.api.update(ctx.type('', 'pods'), pod.metadata.namespace, pod.metadata.name!, next, {
    fieldManager: manager,
    subresource: 'status',
  });
}

function containers(pod: KubeObject): Loose[] {
  return (pod.spec?.containers ?? []) as Loose[];
}

/** The node a pod is bound to: the first node matching its nodeSelector and required node affinity. */
function pickNode(ctx: ControllerContext, pod: KubeObject): string | undefined {
  const selector: Record<string, string> = pod.spec?.nodeSelector ?? {};
  const terms: Loose[] =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const fits = (node: KubeObject): boolean => {
    const labels = node.metadata.labels ?? {};
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false;
    if (!terms.length) return true;
    return terms.some((t) =>
      [...((t.matchFields ?? []) as Loose[]), ...((t.matchExpressions ?? []) as Loose[])].every((r) => {
        const value: string | undefined =
          r.key === 'metadata.name' && t.matchFields?.includes(r) ? node.metadata.name : labels[r.key];
        const values: string[] = r.values ?? [];
        if (r.operator === 'In') return value !== undefined && values.includes(value);
        if (r.operator === 'NotIn') return value === undefined || !values.includes(value);
        if (r.operator === 'Exists') return value !== undefined;
        if (r.operator === 'DoesNotExist') return value === undefined;
        return true;
      }),
    );
  };
  return ctx.store.list('/nodes').find(fits)?.metadata.name;
}

/** The InternalIP of a node (the pod's hostIP). */
function hostIpOf(ctx: ControllerContext, nodeName: string): string {
  const node = ctx.store.get('/nodes', undefined, nodeName);
  return node?.status?.addresses?.find((a: Loose) => a.type === 'InternalIP')?.address ?? '10.0.0.10';
}

function schedule(ctx: ControllerContext, pod: KubeObject): void {
  const now = timestamp(ctx.clock.now());
  if (failureModeOf(pod, ctx.config.failureRules) === 'Unschedulable') {
    const n = ctx.config.nodes.length;
    writeStatus(
      ctx,
      pod,
      {
        ...pod.status,
        phase: 'Pending',
        conditions: [
          cond(
            'PodScheduled',
            false,
            now,
            'Unschedulable',
            `0/${n} nodes are available: ${n} node(s) didn't match Pod's node affinity/selector. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`,
          ),
        ],
      },
      'kube-scheduler',
    );
    return;
  }
  const node = pickNode(ctx, pod);
  if (!node) {
    const n = ctx.store.count('/nodes');
    writeStatus(
      ctx,
      pod,
      {
        ...pod.status,
        phase: 'Pending',
        conditions: [
          cond(
            'PodScheduled',
            false,
            now,
            'Unschedulable',
            `0/${n} nodes are available: ${n} node(s) didn't match Pod's node affinity/selector. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`,
          ),
        ],
      },
      'kube-scheduler',
    );
    return;
  }
  const next = clone(pod);
  next.spec.nodeName = node;
  const bound = ctx.api.update(ctx.type('', 'pods'), pod.metadata.namespace, pod.metadata.name!, next, {
    fieldManager: 'kube-scheduler',
  }).object;
  writeStatus(
    ctx,
    bound,
    { ...bound.status, conditions: [cond('PodScheduled', true, now)] },
    'kube-scheduler',
  );
  ctx.events.record(
    pod,
    'Normal',
    'Scheduled',
    `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
    'default-scheduler',
  );
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

function running(pod: KubeObject, now: string, ready: boolean, restarts = 0, crash = false): Loose {
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

function terminated(pod: KubeObject, now: string, ok: boolean): Loose {
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
