import type { KubeObject, Loose } from '../types.js';
import { clone, timestamp } from '../types.js';
import type { ControllerContext } from './controller.js';
import { failureModeOf } from './failure-modes.js';
import { cond, writeStatus } from './pod-status.js';

/** The first node whose labels and name fit the pod's nodeSelector and required node affinity. */
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
export function hostIpOf(ctx: ControllerContext, nodeName: string): string {
  const node = ctx.store.get('/nodes', undefined, nodeName);
  return node?.status?.addresses?.find((a: Loose) => a.type === 'InternalIP')?.address ?? '10.0.0.10';
}

function unschedulable(ctx: ControllerContext, pod: KubeObject, now: string, n: number): void {
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
}

/**
 * The scheduler stub: binds the pod to the first node that fits (nodeSelector, required node
 * affinity incl. `matchFields` on `metadata.name`), or marks it Unschedulable.
 */
export function schedule(ctx: ControllerContext, pod: KubeObject): void {
  const now = timestamp(ctx.clock.now());
  if (failureModeOf(pod, ctx.config.failureRules) === 'Unschedulable')
    return unschedulable(ctx, pod, now, ctx.config.nodes.length);
  const node = pickNode(ctx, pod);
  if (!node) return unschedulable(ctx, pod, now, ctx.store.count('/nodes'));
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
