import { handlerFor } from '../kinds/index.js';
import { loadBalancersOf, monikerOf } from './annotations.js';
import { imageArtifacts } from './artifacts.js';
import { instanceCounts, instanceView } from './instances.js';
import type { KubeObject } from './kube-object.js';
import { matchesSelector } from './label-selectors.js';

/** An object of the live cache with the account it came from. */
export interface CachedObject {
  account: string;
  object: KubeObject;
}

/** A snapshot of cached objects, indexed the ways the views join them. */
export class InfrastructureSnapshot {
  private readonly podsByOwner = new Map<string, KubeObject[]>();

  constructor(readonly items: readonly CachedObject[]) {
    for (const { object } of items)
      if (object.kind === 'Pod')
        for (const owner of object.metadata?.ownerReferences ?? []) {
          const list = this.podsByOwner.get(owner.uid) ?? [];
          list.push(object);
          this.podsByOwner.set(owner.uid, list);
        }
  }

  /** Items of one application (by moniker annotation), optionally of one category. */
  ofApplication(
    app: string,
    category?: string,
  ): (CachedObject & { moniker: NonNullable<ReturnType<typeof monikerOf>> })[] {
    const out: (CachedObject & { moniker: NonNullable<ReturnType<typeof monikerOf>> })[] = [];
    for (const item of this.items) {
      const handler = handlerFor(item.object.kind ?? '');
      if (category && handler.category !== category) continue;
      const moniker = monikerOf(item.object, handler.spinnakerKind);
      if (moniker?.app === app) out.push({ ...item, moniker });
    }
    return out;
  }

  /** Pods controlled by an object (by owner uid). */
  podsOf(object: KubeObject): KubeObject[] {
    return this.podsByOwner.get(object.metadata?.uid ?? '') ?? [];
  }

  /** Services of the account and namespace whose selector matches `labels`. */
  servicesSelecting(
    account: string,
    namespace: string | undefined,
    labels: Record<string, string> | undefined,
  ): KubeObject[] {
    return this.items
      .filter(
        (i) =>
          i.account === account && i.object.kind === 'Service' && i.object.metadata?.namespace === namespace,
      )
      .map((i) => i.object)
      .filter((s) => matchesSelector(s.spec?.selector, labels));
  }

  /** Finds one object by account, namespace, kind and name. */
  find(account: string, namespace: string, kind: string, name: string): KubeObject | undefined {
    const k = kind.toLowerCase();
    return this.items.find(
      (i) =>
        i.account === account &&
        (i.object.metadata?.namespace ?? '') === (namespace === '_' ? '' : namespace) &&
        i.object.metadata?.name === name &&
        (i.object.kind?.toLowerCase() === k ||
          handlerFor(i.object.kind ?? '').spinnakerKind.toLowerCase() === k),
    )?.object;
  }
}

const createdTime = (o: KubeObject) => Date.parse(o.metadata?.creationTimestamp ?? '') || null;
const qualified = (o: KubeObject) => `${handlerFor(o.kind ?? '').spinnakerKind} ${o.metadata?.name}`;

/** A server group (ReplicaSet, StatefulSet, DaemonSet) in Spinnaker's full shape (engine.md §6.7). */
export function serverGroupView(snapshot: InfrastructureSnapshot, account: string, object: KubeObject) {
  const handler = handlerFor(object.kind ?? '');
  const moniker = monikerOf(object, handler.spinnakerKind);
  const instances = snapshot.podsOf(object).map((p) => instanceView(p, account));
  const templateLabels = object.spec?.template?.metadata?.labels as Record<string, string> | undefined;
  const selecting = snapshot
    .servicesSelecting(account, object.metadata?.namespace, templateLabels)
    .map(qualified);
  const declared = loadBalancersOf(object);
  const loadBalancers = [...new Set([...declared, ...selecting])];
  const managers = (object.metadata?.ownerReferences ?? [])
    .filter((o) => o.kind === 'Deployment')
    .map((o) => ({ account, location: object.metadata?.namespace, name: o.name }));
  return {
    ...resourceHeader(account, object),
    type: 'kubernetes',
    apiVersion: object.apiVersion,
    cluster: moniker?.cluster,
    application: moniker?.app,
    moniker: moniker ?? null,
    createdTime: createdTime(object),
    // Disabled: it declares load balancers but no Service selects it any more (engine.md §6.4).
    disabled: declared.length > 0 && selecting.length === 0,
    capacity: { min: null, max: null, desired: Number(object.spec?.replicas ?? instances.length) },
    instances,
    instanceCounts: instanceCounts(instances),
    loadBalancers,
    serverGroupManagers: managers,
    buildInfo: { images: imageArtifacts(object).map((a) => a.reference) },
    labels: object.metadata?.labels ?? {},
    securityGroups: [],
    zones: [],
    launchConfig: {},
  };
}

/** The summary form of `/applications/{app}/serverGroups` (`isDisabled`, `instanceCounts`). */
export function serverGroupSummary(snapshot: InfrastructureSnapshot, account: string, object: KubeObject) {
  const {
    disabled,
    launchConfig: _l,
    securityGroups: _s,
    zones: _z,
    ...rest
  } = serverGroupView(snapshot, account, object);
  return { ...rest, isDisabled: disabled };
}

/** `/applications`: every application with its clusters per account. */
export function applicationsView(snapshot: InfrastructureSnapshot) {
  const apps = new Map<string, Map<string, Set<string>>>();
  for (const item of snapshot.items) {
    const handler = handlerFor(item.object.kind ?? '');
    if (handler.category === 'instances') continue;
    const moniker = monikerOf(item.object, handler.spinnakerKind);
    if (!moniker) continue;
    const byAccount = apps.get(moniker.app) ?? new Map<string, Set<string>>();
    apps.set(moniker.app, byAccount);
    const clusters = byAccount.get(item.account) ?? new Set<string>();
    byAccount.set(item.account, clusters);
    if (handler.category === 'serverGroups' || handler.category === 'serverGroupManagers')
      clusters.add(moniker.cluster);
  }
  return [...apps.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, byAccount]) => ({
      name,
      attributes: { name },
      clusterNames: Object.fromEntries([...byAccount.entries()].map(([acc, set]) => [acc, [...set].sort()])),
    }));
}

/** `/applications/{app}/clusters`: `{account: [clusterName…]}` (server group clusters). */
export function clustersView(snapshot: InfrastructureSnapshot, app: string): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const item of snapshot.ofApplication(app, 'serverGroups'))
    (out[item.account] ??= new Set()).add(item.moniker.cluster);
  return Object.fromEntries(Object.entries(out).map(([a, s]) => [a, [...s].sort()]));
}

/** The identity fields every Kubernetes view object starts with (name is `"<kind> <name>"`). */
function resourceHeader(account: string, object: KubeObject) {
  return {
    name: qualified(object),
    displayName: object.metadata?.name,
    account,
    region: object.metadata?.namespace,
    namespace: object.metadata?.namespace,
    cloudProvider: 'kubernetes',
    kind: handlerFor(object.kind ?? '').spinnakerKind,
  };
}

/** `/applications/{app}/loadBalancers`: Services and Ingresses with the server groups they select. */
export function loadBalancersView(snapshot: InfrastructureSnapshot, app: string) {
  const serverGroups = snapshot.items.filter(
    (i) => handlerFor(i.object.kind ?? '').category === 'serverGroups',
  );
  return snapshot.ofApplication(app, 'loadBalancers').map(({ account, object, moniker }) => ({
    ...resourceHeader(account, object),
    type: 'kubernetes',
    moniker,
    labels: object.metadata?.labels ?? {},
    createdTime: createdTime(object),
    serverGroups: serverGroups
      .filter(
        (sg) =>
          sg.account === account &&
          sg.object.metadata?.namespace === object.metadata?.namespace &&
          object.kind === 'Service' &&
          matchesSelector(object.spec?.selector, sg.object.spec?.template?.metadata?.labels),
      )
      .map((sg) => {
        const view = serverGroupView(snapshot, sg.account, sg.object);
        return {
          name: view.name,
          account,
          region: view.region,
          cloudProvider: 'kubernetes',
          isDisabled: view.disabled,
          instances: view.instances,
        };
      }),
  }));
}

/** `/applications/{app}/serverGroupManagers`: Deployments with their ReplicaSets. */
export function serverGroupManagersView(snapshot: InfrastructureSnapshot, app: string) {
  const replicaSets = snapshot.items.filter((i) => i.object.kind === 'ReplicaSet');
  return snapshot.ofApplication(app, 'serverGroupManagers').map(({ account, object, moniker }) => ({
    ...resourceHeader(account, object),
    moniker,
    labels: object.metadata?.labels ?? {},
    createdTime: createdTime(object),
    serverGroups: replicaSets
      .filter(
        (rs) =>
          rs.account === account &&
          rs.object.metadata?.ownerReferences?.some((o) => o.uid === object.metadata?.uid),
      )
      .map((rs) => ({
        name: qualified(rs.object),
        account,
        namespace: rs.object.metadata?.namespace,
        region: rs.object.metadata?.namespace,
        moniker: monikerOf(rs.object, 'replicaSet') ?? null,
      })),
  }));
}
