import { configMapKind } from './config-map.js';
import { cronJobKind } from './cron-job.js';
import { daemonSetKind } from './daemon-set.js';
import { deploymentKind } from './deployment.js';
import { horizontalPodAutoscalerKind } from './horizontal-pod-autoscaler.js';
import { ingressKind } from './ingress.js';
import { jobKind } from './job.js';
import { defineKind, lowerCamel, type KindHandler } from './kind-handler.js';
import { namespaceKind } from './namespace.js';
import { podKind } from './pod.js';
import { replicaSetKind } from './replica-set.js';
import { secretKind } from './secret.js';
import { serviceKind } from './service.js';
import { statefulSetKind } from './stateful-set.js';

export * from './kind-handler.js';
export { podProblem, FATAL_WAITING_REASONS } from './pod.js';

/** Kinds that need only a deploy priority and a scope (Spinnaker's DeployPriority table). */
const plainKinds: KindHandler[] = [
  defineKind({ kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', deployPriority: 20 }),
  defineKind({
    kind: 'ClusterRole',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    deployPriority: 20,
    namespaced: false,
  }),
  defineKind({ kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', deployPriority: 30 }),
  defineKind({
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    deployPriority: 30,
    namespaced: false,
  }),
  defineKind({
    kind: 'CustomResourceDefinition',
    apiVersion: 'apiextensions.k8s.io/v1',
    deployPriority: 30,
    namespaced: false,
  }),
  defineKind({ kind: 'ServiceAccount', apiVersion: 'v1', deployPriority: 40 }),
  defineKind({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', deployPriority: 50 }),
  defineKind({
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    deployPriority: 70,
    category: 'securityGroups',
  }),
  defineKind({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', deployPriority: 90 }),
];

/** Every kind handler clouddriver knows, in one list. */
export const kindHandlers: readonly KindHandler[] = [
  namespaceKind,
  configMapKind,
  secretKind,
  serviceKind,
  ingressKind,
  deploymentKind,
  replicaSetKind,
  statefulSetKind,
  daemonSetKind,
  jobKind,
  cronJobKind,
  podKind,
  horizontalPodAutoscalerKind,
  ...plainKinds,
];

const byName = new Map<string, KindHandler>();
for (const handler of kindHandlers) {
  for (const key of new Set([handler.kind.toLowerCase(), handler.spinnakerKind.toLowerCase()])) {
    if (byName.has(key)) throw new Error(`duplicate kind handler for ${key}`);
    byName.set(key, handler);
  }
}

/** The handler registered for a kind (`ReplicaSet`, `replicaSet`, `replicaset`), if any. */
export function registeredKind(kind: string): KindHandler | undefined {
  return byName.get(kind.toLowerCase());
}

/**
 * The handler for a kind: the registered one, or an unknown-kind handler (unversioned, priority
 * 1000, stable when present) named after it.
 */
export function handlerFor(kind: string, apiVersion?: string): KindHandler {
  const found = registeredKind(kind);
  if (found) return found;
  const k8sKind = kind.length > 0 ? kind[0]!.toUpperCase() + kind.slice(1) : kind;
  return defineKind({ kind: k8sKind, apiVersion: apiVersion ?? '', spinnakerKind: lowerCamel(kind) });
}

/** Kinds the live cache watches (those the infrastructure views are built from). */
export const cachedKinds = (): KindHandler[] => kindHandlers.filter((k) => k.cached);
