import type { Moniker } from '@genoa/shared';
import type { KubeObject } from './kube-object.js';
import { templateMetadata } from './kube-object.js';

/** The annotation and label keys Spinnaker writes and reads (engine.md §6.2). */
export const Annotation = {
  APPLICATION: 'moniker.spinnaker.io/application',
  CLUSTER: 'moniker.spinnaker.io/cluster',
  STACK: 'moniker.spinnaker.io/stack',
  DETAIL: 'moniker.spinnaker.io/detail',
  SEQUENCE: 'moniker.spinnaker.io/sequence',
  ARTIFACT_TYPE: 'artifact.spinnaker.io/type',
  ARTIFACT_NAME: 'artifact.spinnaker.io/name',
  ARTIFACT_LOCATION: 'artifact.spinnaker.io/location',
  ARTIFACT_VERSION: 'artifact.spinnaker.io/version',
  LOAD_BALANCERS: 'traffic.spinnaker.io/load-balancers',
  CACHING_IGNORE: 'caching.spinnaker.io/ignore',
  VERSIONED: 'strategy.spinnaker.io/versioned',
  MAX_VERSION_HISTORY: 'strategy.spinnaker.io/max-version-history',
  USE_SOURCE_CAPACITY: 'strategy.spinnaker.io/use-source-capacity',
  RECREATE: 'strategy.spinnaker.io/recreate',
  REPLACE: 'strategy.spinnaker.io/replace',
  SERVER_SIDE_APPLY: 'strategy.spinnaker.io/server-side-apply',
  LAST_APPLIED: 'kubectl.kubernetes.io/last-applied-configuration',
  DEPLOYMENT_REVISION: 'deployment.kubernetes.io/revision',
} as const;

/** Labels Spinnaker writes. */
export const Label = {
  NAME: 'app.kubernetes.io/name',
  MANAGED_BY: 'app.kubernetes.io/managed-by',
  SEQUENCE: 'moniker.spinnaker.io/sequence',
} as const;

/** What a deploy stamps onto one manifest. */
export interface DeployStamp {
  moniker: Moniker & { app: string };
  account: string;
  /** The Spinnaker kind, e.g. `replicaSet`. */
  spinnakerKind: string;
  /** Unversioned name (`demo` for `demo-v001`). */
  baseName: string;
  namespace: string;
  /** The version number for versioned kinds. */
  version?: number;
  skipSpecTemplateLabels?: boolean;
  /** `"service x"` entries for `traffic.spinnaker.io/load-balancers`. */
  loadBalancers?: string[];
}

/** `v003` for 3; `""` for unversioned. */
export const versionString = (version: number | undefined): string =>
  version === undefined ? '' : `v${String(version).padStart(3, '0')}`;

/**
 * Writes Spinnaker's moniker, artifact and traffic annotations and its labels onto `manifest` (in
 * place) and onto its pod template. Existing moniker values are kept (the user's manifest wins),
 * as Spinnaker does; artifact annotations and `managed-by` are always overwritten.
 */
export function stampManifest(manifest: KubeObject, stamp: DeployStamp): void {
  manifest.metadata ??= {};
  const annotations = (manifest.metadata.annotations ??= {});
  const labels = (manifest.metadata.labels ??= {});
  const cluster = stamp.moniker.cluster ?? `${stamp.spinnakerKind} ${stamp.baseName}`;
  const moniker: Record<string, string | undefined> = {
    [Annotation.APPLICATION]: stamp.moniker.app,
    [Annotation.CLUSTER]: cluster,
    [Annotation.STACK]: stamp.moniker.stack ?? undefined,
    [Annotation.DETAIL]: stamp.moniker.detail ?? undefined,
    [Annotation.SEQUENCE]: stamp.version === undefined ? undefined : String(stamp.version),
  };
  const artifact: Record<string, string> = {
    [Annotation.ARTIFACT_TYPE]: `kubernetes/${stamp.spinnakerKind}`,
    [Annotation.ARTIFACT_NAME]: stamp.baseName,
    [Annotation.ARTIFACT_LOCATION]: stamp.namespace,
    [Annotation.ARTIFACT_VERSION]: versionString(stamp.version),
  };
  const traffic = stamp.loadBalancers?.length
    ? { [Annotation.LOAD_BALANCERS]: JSON.stringify(stamp.loadBalancers) }
    : {};
  const newLabels: Record<string, string> = { [Label.MANAGED_BY]: 'spinnaker' };
  if (stamp.version !== undefined) newLabels[Label.SEQUENCE] = String(stamp.version);

  const write = (a: Record<string, string>, l: Record<string, string> | undefined) => {
    for (const [k, v] of Object.entries(moniker)) if (v !== undefined && a[k] === undefined) a[k] = v;
    if (stamp.version !== undefined) a[Annotation.SEQUENCE] = String(stamp.version);
    Object.assign(a, artifact, traffic);
    if (l) {
      l[Label.NAME] ??= stamp.moniker.app;
      Object.assign(l, newLabels);
    }
  };
  write(annotations, labels);
  const template = templateMetadata(manifest);
  if (template) write(template.annotations, stamp.skipSpecTemplateLabels ? undefined : template.labels);
}

/**
 * The moniker of a live object, from its annotations (Spinnaker's `kubernetesAnnotations` namer);
 * `undefined` when it carries no application.
 */
export function monikerOf(
  object: KubeObject,
  spinnakerKind: string,
): (Moniker & { app: string; cluster: string }) | undefined {
  const a = object.metadata?.annotations ?? {};
  const app = a[Annotation.APPLICATION];
  if (!app) return undefined;
  const sequence = a[Annotation.SEQUENCE] ?? a[Annotation.DEPLOYMENT_REVISION];
  const moniker: Moniker & { app: string; cluster: string } = {
    app,
    cluster:
      a[Annotation.CLUSTER] ??
      `${spinnakerKind} ${a[Annotation.ARTIFACT_NAME] ?? object.metadata?.name ?? ''}`,
  };
  if (a[Annotation.STACK]) moniker.stack = a[Annotation.STACK];
  if (a[Annotation.DETAIL]) moniker.detail = a[Annotation.DETAIL];
  if (sequence !== undefined && /^\d+$/.test(sequence)) moniker.sequence = Number(sequence);
  return moniker;
}

/** The `traffic.spinnaker.io/load-balancers` list of an object (`["service demo"]`), empty when absent or invalid. */
export function loadBalancersOf(object: KubeObject): string[] {
  const raw = object.metadata?.annotations?.[Annotation.LOAD_BALANCERS];
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** A strategy annotation read as a boolean (`"true"`), undefined when absent. */
export function strategyFlag(object: KubeObject, key: string): boolean | undefined {
  const value = object.metadata?.annotations?.[key];
  return value === undefined ? undefined : value === 'true' || value === 'force-conflicts';
}
