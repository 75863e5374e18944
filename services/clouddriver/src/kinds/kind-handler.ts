import type { KubeObject } from '../domain/kube-object.js';

export type { KubeObject };

/** One of the four conditions of a manifest status (`Manifest.Status.Condition`). */
export interface StatusCondition {
  state: boolean;
  message: string | null;
}

/** Spinnaker's manifest status: stable, paused, available, failed (engine.md §6.5). */
export interface ManifestStatus {
  stable: StatusCondition;
  paused: StatusCondition;
  available: StatusCondition;
  failed: StatusCondition;
}

/** Where Spinnaker files a kind in its infrastructure model. */
export type SpinnakerCategory =
  | 'serverGroups'
  | 'serverGroupManagers'
  | 'loadBalancers'
  | 'instances'
  | 'securityGroups'
  | 'configs'
  | 'unclassified';

/** What a kind supports; operations check these before acting (Spinnaker's `CanScale`, …). */
export interface KindCapabilities {
  canScale: boolean;
  canPauseRollout: boolean;
  canResumeRollout: boolean;
  canUndoRollout: boolean;
  canRollingRestart: boolean;
  /** Can be attached to / detached from Services (enable/disable, red/black). */
  canLoadBalance: boolean;
  /** Has `spec.template` (annotations and labels are written there too). */
  hasPodTemplate: boolean;
}

/** The handler for one Kubernetes kind: naming, versioning, deploy order, capabilities, status. */
export interface KindHandler {
  /** The Kubernetes kind, e.g. `ReplicaSet`. */
  kind: string;
  /** Spinnaker's lowerCamel name, e.g. `replicaSet`. */
  spinnakerKind: string;
  /** The API group/version to use when a request names only the kind. */
  apiVersion: string;
  namespaced: boolean;
  /** Versioned (`-v000`) by default: ReplicaSet, Pod, ConfigMap, Secret. */
  versioned: boolean;
  /** Deploy order, lower first (Spinnaker's `DeployPriority`). */
  deployPriority: number;
  category: SpinnakerCategory;
  capabilities: KindCapabilities;
  /** Cached by the live cache (the kinds the infrastructure views need). */
  cached: boolean;
  status(object: KubeObject): ManifestStatus;
}

const noCapabilities: KindCapabilities = {
  canScale: false,
  canPauseRollout: false,
  canResumeRollout: false,
  canUndoRollout: false,
  canRollingRestart: false,
  canLoadBalance: false,
  hasPodTemplate: false,
};

/** Builds a handler with Spinnaker's defaults: unversioned, priority 1000, always stable. */
export function defineKind(
  spec: Pick<KindHandler, 'kind' | 'apiVersion'> &
    Partial<Omit<KindHandler, 'capabilities'>> & {
      capabilities?: Partial<KindCapabilities>;
    },
): KindHandler {
  return {
    spinnakerKind: lowerCamel(spec.kind),
    namespaced: true,
    versioned: false,
    deployPriority: 1000,
    category: 'unclassified',
    cached: false,
    status: () => manifestStatus({}),
    ...spec,
    capabilities: { ...noCapabilities, ...spec.capabilities },
  };
}

/** `ReplicaSet` → `replicaSet`. */
export function lowerCamel(kind: string): string {
  return kind.length === 0 ? kind : kind[0]!.toLowerCase() + kind.slice(1);
}

const ok: StatusCondition = { state: true, message: null };
const no: StatusCondition = { state: false, message: null };

/** A status from overrides of Spinnaker's defaults (stable, not paused, available, not failed). */
export function manifestStatus(overrides: Partial<ManifestStatus>): ManifestStatus {
  return { stable: ok, paused: no, available: ok, failed: no, ...overrides };
}

/** Unstable with `message`, and unavailable too when `unavailable` is set. */
export function unstable(message: string, unavailable = false): ManifestStatus {
  return manifestStatus({
    stable: { state: false, message },
    ...(unavailable ? { available: { state: false, message } } : {}),
  });
}

/** The status Spinnaker reports for an object with no `.status` at all. */
export function noStatusYet(): ManifestStatus {
  return manifestStatus({
    stable: { state: false, message: 'No status reported yet' },
    available: { state: false, message: 'No availability reported' },
  });
}

/** A `status.conditions[]` entry by type. */
export function condition(
  object: KubeObject,
  type: string,
): { type: string; status: string; reason?: string; message?: string } | undefined {
  const list = (object.status?.conditions ?? []) as {
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }[];
  return list.find((c) => c.type === type);
}

/** True when the controller has not yet observed the latest spec. */
export function generationPending(object: KubeObject): boolean {
  const generation = object.metadata?.generation;
  const observed = object.status?.observedGeneration;
  return generation !== undefined && observed !== undefined && Number(observed) !== Number(generation);
}

/** A number from a status/spec field, 0 when absent. */
export const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
