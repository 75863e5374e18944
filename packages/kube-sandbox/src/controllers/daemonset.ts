import { resolveIntOrPercent } from '../kinds/workload-common.js';
import type { KubeObject, Loose } from '../types.js';
import { clone } from '../types.js';
import type { Controller, ControllerContext } from './controller.js';
import { CONTROLLER_MANAGER, controllerOf, keyOf, splitKey } from './controller.js';
import { availableIn, createPod, deletePod, isActive, isReady, ownedPods } from './pods.js';
import { cleanupRevisions, ensureUpdateRevision, revisionTemplate } from './revisions.js';

const HASH_LABEL = 'controller-revision-hash';

/** Tolerations the DaemonSet controller adds to every daemon pod. */
const DAEMON_TOLERATIONS: Loose[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function tolerates(tolerations: Loose[], taint: Loose): boolean {
  return tolerations.some(
    (t) =>
      (!t.effect || t.effect === taint.effect) &&
      (t.operator === 'Exists'
        ? !t.key || t.key === taint.key
        : t.key === taint.key && t.value === taint.value),
  );
}

/** Nodes a daemon pod should run on: nodeSelector matches and every NoSchedule/NoExecute taint is tolerated. */
function eligibleNodes(ctx: ControllerContext, ds: KubeObject): string[] {
  const spec = ds.spec.template?.spec ?? {};
  const selector: Record<string, string> = spec.nodeSelector ?? {};
  const tolerations = [...((spec.tolerations ?? []) as Loose[]), ...DAEMON_TOLERATIONS];
  return ctx.store
    .list('/nodes')
    .filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v))
    .filter((n) =>
      ((n.spec?.taints ?? []) as Loose[]).every(
        (t) => t.effect === 'PreferNoSchedule' || tolerates(tolerations, t),
      ),
    )
    .map((n) => n.metadata.name!);
}

/** The node a daemon pod is (or will be) on. */
function nodeOf(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms: Loose[] =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms[0]?.matchFields?.find((f: Loose) => f.key === 'metadata.name')?.values?.[0];
}

function createDaemonPod(ctx: ControllerContext, ds: KubeObject, node: string, rev: KubeObject): void {
  const template = revisionTemplate(rev);
  const spec = template.spec ?? {};
  const tolerations = [...((spec.tolerations ?? []) as Loose[])];
  for (const t of DAEMON_TOLERATIONS) if (!tolerates(tolerations, t)) tolerations.push(t);
  createPod(ctx, ds, template, {
    labels: {
      [HASH_LABEL]: rev.metadata.labels?.[HASH_LABEL] ?? '',
      'pod-template-generation': String(ds.metadata.generation ?? 1),
    },
    spec: {
      affinity: {
        ...(spec.affinity ?? {}),
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
          },
        },
      },
      tolerations,
    },
  });
}

/**
 * Keeps one pod per eligible node, removes pods from other nodes, and replaces pods of an old
 * revision node by node within `maxUnavailable` (RollingUpdate; OnDelete waits for deletions).
 */
function syncPods(ctx: ControllerContext, ds: KubeObject, rev: KubeObject, nodes: string[]): void {
  const hash = rev.metadata.labels?.[HASH_LABEL];
  const pods = ownedPods(ctx, ds);
  const byNode = new Map<string, KubeObject[]>();
  for (const p of pods) {
    const n = nodeOf(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  for (const [node, ps] of byNode) {
    if (nodes.includes(node)) continue;
    for (const p of ps) if (!p.metadata.deletionTimestamp) deletePod(ctx, ds, p);
  }
  const old: KubeObject[] = [];
  let unavailable = 0;
  for (const node of nodes) {
    const ps = (byNode.get(node) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    const live = ps.filter(isActive);
    for (const p of ps.filter((x) => !isActive(x))) deletePod(ctx, ds, p);
    if (!live.length) {
      unavailable++;
      if (!(byNode.get(node) ?? []).some((p) => p.metadata.deletionTimestamp))
        createDaemonPod(ctx, ds, node, rev);
      continue;
    }
    live.sort(
      (a, b) =>
        Number(b.metadata.labels?.[HASH_LABEL] === hash) - Number(a.metadata.labels?.[HASH_LABEL] === hash),
    );
    for (const extra of live.slice(1)) deletePod(ctx, ds, extra);
    if (!isReady(live[0]!)) unavailable++;
    if (live[0]!.metadata.labels?.[HASH_LABEL] !== hash) old.push(live[0]!);
  }
  if (ds.spec.updateStrategy?.type !== 'RollingUpdate') return;
  const ru = ds.spec.updateStrategy.rollingUpdate ?? {};
  const maxUnavailable = resolveIntOrPercent(ru.maxUnavailable ?? 1, nodes.length, false) || 1;
  let budget = maxUnavailable - unavailable;
  for (const p of old.filter((x) => !isReady(x))) deletePod(ctx, ds, p);
  for (const p of old.filter(isReady)) {
    if (budget-- <= 0) break;
    deletePod(ctx, ds, p);
  }
}

function writeStatus(ctx: ControllerContext, ds: KubeObject, hash: string, nodes: string[]): void {
  const now = ctx.clock.now();
  const pods = ownedPods(ctx, ds).filter((p) => !p.metadata.deletionTimestamp && isActive(p));
  let current = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const node of nodes) {
    const p = pods.find((x) => nodeOf(x) === node);
    if (!p) continue;
    current++;
    if (p.metadata.labels?.[HASH_LABEL] === hash) updated++;
    if (!isReady(p)) continue;
    ready++;
    const wait = availableIn(p, ds.spec.minReadySeconds ?? 0, now);
    if (wait === 0) available++;
    else if (wait > 0) ctx.enqueue('daemonset', keyOf(ds), wait + 10);
  }
  const st: Loose = {
    currentNumberScheduled: current,
    numberMisscheduled: pods.filter((p) => !nodes.includes(nodeOf(p) ?? '')).length,
    desiredNumberScheduled: nodes.length,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
    ...(available ? { numberAvailable: available } : {}),
    ...(nodes.length - available > 0 ? { numberUnavailable: nodes.length - available } : {}),
  };
  const next = clone(ds);
  next.status = st;
  ctx.api.update(ctx.type('apps', 'daemonsets'), ds.metadata.namespace, ds.metadata.name!, next, {
    ...CONTROLLER_MANAGER,
    subresource: 'status',
  });
}

/** The DaemonSet controller: one pod per eligible Node, ControllerRevisions, rolling update, status. */
export const daemonSetController: Controller = {
  name: 'daemonset',
  keysFor(e, ctx) {
    if (e.key === 'apps/daemonsets') return [keyOf(e.object)];
    if (e.key === '/nodes') return ctx.store.list('apps/daemonsets').map(keyOf);
    if (e.key === '/pods') {
      const owner = controllerOf(e.object);
      return owner?.kind === 'DaemonSet' ? [`${e.object.metadata.namespace}/${owner.name}`] : [];
    }
    return [];
  },
  reconcile(key, ctx) {
    const [ns, name] = splitKey(key);
    const ds = ctx.store.get('apps/daemonsets', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const rev = ensureUpdateRevision(ctx, ds, HASH_LABEL);
    const hash = rev.metadata.labels?.[HASH_LABEL] ?? '';
    const nodes = eligibleNodes(ctx, ds);
    syncPods(ctx, ds, rev, nodes);
    const inUse = new Set([rev.metadata.name!]);
    for (const p of ownedPods(ctx, ds)) inUse.add(`${ds.metadata.name}-${p.metadata.labels?.[HASH_LABEL]}`);
    cleanupRevisions(ctx, ds, inUse);
    writeStatus(ctx, ds, hash, nodes);
  },
};
