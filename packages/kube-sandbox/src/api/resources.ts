/**
 * The type table: every resource the sandbox serves, with what discovery, the OpenAPI
 * documents, the store and the handlers need to know about it.
 */

/** How `metadata.generation` evolves for a kind (kube-sandbox.md 1.6). */
export type GenerationPolicy = 'none' | 'spec' | 'spec+annotations' | 'non-metadata';

/** One served resource. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case (`deployments`). */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources: ('status' | 'scale')[];
  generation: GenerationPolicy;
  /** Extra field-selector fields beyond `metadata.name`/`metadata.namespace`. */
  fieldSelectors?: string[];
  /** Strategic merge patch is accepted (built-in kinds only). */
  strategicMerge: boolean;
  /** Custom resource served from a CRD. */
  custom?: boolean;
}

const ALL = ['all'];
const type = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  resource,
  kind,
  namespaced,
  singular: kind.toLowerCase(),
  subresources: [],
  generation: 'none',
  strategicMerge: true,
  ...extra,
});

/** The built-in resources, in discovery order within each group-version. */
export const builtinResources: ResourceType[] = [
  type('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  type('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  type('', 'v1', 'events', 'Event', true, {
    shortNames: ['ev'],
    fieldSelectors: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
  }),
  type('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    subresources: ['status'],
    fieldSelectors: ['status.phase'],
  }),
  type('', 'v1', 'nodes', 'Node', false, {
    shortNames: ['no'],
    subresources: ['status'],
    fieldSelectors: ['spec.unschedulable'],
  }),
  type('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, {
    shortNames: ['pvc'],
    subresources: ['status'],
  }),
  type('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ALL,
    subresources: ['status'],
    fieldSelectors: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  }),
  type('', 'v1', 'secrets', 'Secret', true, { fieldSelectors: ['type'] }),
  type('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  type('', 'v1', 'services', 'Service', true, {
    shortNames: ['svc'],
    categories: ALL,
    subresources: ['status'],
  }),
  type('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  type('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
    categories: ALL,
    subresources: ['status'],
    generation: 'spec',
  }),
  type('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ALL,
    subresources: ['scale', 'status'],
    generation: 'spec+annotations',
  }),
  type('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ALL,
    subresources: ['scale', 'status'],
    generation: 'spec',
    fieldSelectors: ['status.replicas'],
  }),
  type('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ALL,
    subresources: ['scale', 'status'],
    generation: 'spec',
  }),
  type('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, {
    shortNames: ['hpa'],
    categories: ALL,
    subresources: ['status'],
    generation: 'spec',
  }),
  type('batch', 'v1', 'cronjobs', 'CronJob', true, {
    shortNames: ['cj'],
    categories: ALL,
    subresources: ['status'],
    generation: 'spec',
  }),
  type('batch', 'v1', 'jobs', 'Job', true, {
    categories: ALL,
    subresources: ['status'],
    generation: 'spec',
    fieldSelectors: ['status.successful'],
  }),
  type('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  type('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
    subresources: ['status'],
    generation: 'spec',
  }),
  type('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, {
    shortNames: ['netpol'],
    generation: 'spec',
  }),
  type('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, {
    shortNames: ['pdb'],
    subresources: ['status'],
    generation: 'spec',
  }),
  type('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  type('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  type('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  type('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, {
    shortNames: ['crd', 'crds'],
    subresources: ['status'],
    generation: 'spec',
  }),
];

/** `group/version` as written in `apiVersion` (`v1` for the core group). */
export function groupVersion(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** The storage key of a resource (version-independent): `group/resource`. */
export function storageKey(rt: Pick<ResourceType, 'group' | 'resource'>): string {
  return `${rt.group}/${rt.resource}`;
}

/** `deployments.apps` / `pods`: how Status messages name a resource. */
export function qualifiedResource(rt: Pick<ResourceType, 'group' | 'resource'>): string {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource;
}

/** `Deployment.apps` / `Pod`: how Invalid messages name a kind. */
export function qualifiedKind(rt: Pick<ResourceType, 'group' | 'kind'>): string {
  return rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
}

/** A mutable registry of served resources (built-ins plus custom resources from CRDs). */
export class ResourceRegistry {
  private readonly byKey = new Map<string, ResourceType>();

  constructor(initial: ResourceType[] = builtinResources) {
    for (const rt of initial) this.add(rt);
  }

  /** Serve `rt` (replacing a previous registration of the same group/version/resource). */
  add(rt: ResourceType): void {
    this.byKey.set(`${rt.group}/${rt.version}/${rt.resource}`, rt);
  }

  /** Stop serving a resource. */
  remove(group: string, version: string, resource: string): void {
    this.byKey.delete(`${group}/${version}/${resource}`);
  }

  /** The resource at group/version/resource, if served. */
  get(group: string, version: string, resource: string): ResourceType | undefined {
    return this.byKey.get(`${group}/${version}/${resource}`);
  }

  /** The resource serving `apiVersion`+`kind`. */
  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    for (const rt of this.byKey.values()) if (groupVersion(rt) === apiVersion && rt.kind === kind) return rt;
    return undefined;
  }

  /** Every served resource. */
  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  /** Served group-versions: `[{group, version}]`, core first. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const rt of this.byKey.values())
      seen.set(groupVersion(rt), { group: rt.group, version: rt.version });
    return [...seen.values()].sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : 0));
  }
}
