import type { KubeObject } from './kube-object.js';

/** One health entry of an instance (Deck's `health[]`). */
export interface HealthEntry {
  type: string;
  state: 'Up' | 'Down' | 'Unknown';
  source: string;
  name?: string;
  description?: string;
}

/** The instance counts Deck shows per server group. */
export interface InstanceCounts {
  total: number;
  up: number;
  down: number;
  unknown: number;
  outOfService: number;
  starting: number;
}

/**
 * A pod's health as Spinnaker reports it: one `kubernetes/pod` entry from the phase (Running → Up,
 * Pending → Down, otherwise Unknown) and one `kubernetes/container` entry per container (ready → Up).
 */
export function podHealth(pod: KubeObject): HealthEntry[] {
  const phase = pod.status?.phase as string | undefined;
  const state = phase === 'Running' ? 'Up' : phase === 'Pending' ? 'Down' : 'Unknown';
  const entries: HealthEntry[] = [
    { type: 'kubernetes/pod', state, source: 'Pod', ...(phase ? { description: phase } : {}) },
  ];
  for (const c of (pod.status?.containerStatuses ?? []) as {
    name: string;
    ready?: boolean;
    state?: { waiting?: { reason?: string } };
  }[])
    entries.push({
      type: 'kubernetes/container',
      name: c.name,
      state: c.ready ? 'Up' : 'Down',
      source: 'Container',
      ...(c.state?.waiting?.reason ? { description: c.state.waiting.reason } : {}),
    });
  return entries;
}

/** The overall state of a list of health entries: Down if any is Down, Up if all are Up, else Unknown. */
export function healthState(health: readonly HealthEntry[]): 'Up' | 'Down' | 'Unknown' {
  if (health.some((h) => h.state === 'Down')) return 'Down';
  if (health.length > 0 && health.every((h) => h.state === 'Up')) return 'Up';
  return 'Unknown';
}

/** An instance in Spinnaker's shape (a pod). */
export function instanceView(pod: KubeObject, account: string) {
  const health = podHealth(pod);
  return {
    name: pod.metadata?.uid ?? pod.metadata?.name,
    humanReadableName: `pod ${pod.metadata?.name}`,
    displayName: pod.metadata?.name,
    account,
    namespace: pod.metadata?.namespace,
    zone: pod.metadata?.namespace,
    cloudProvider: 'kubernetes',
    providerType: 'kubernetes',
    kind: 'pod',
    launchTime: Date.parse(pod.metadata?.creationTimestamp ?? '') || null,
    health,
    healthState: healthState(health),
    labels: pod.metadata?.labels ?? {},
  };
}

/** Counts instances by their health state. */
export function instanceCounts(instances: readonly { healthState: string }[]): InstanceCounts {
  return {
    total: instances.length,
    up: instances.filter((i) => i.healthState === 'Up').length,
    down: instances.filter((i) => i.healthState === 'Down').length,
    unknown: instances.filter((i) => i.healthState === 'Unknown').length,
    outOfService: 0,
    starting: 0,
  };
}
