import type { Instance, ServerGroup } from '../../api/infrastructure.js';

/** Server groups grouped as deck shows them: account → namespace → cluster → server groups (newest first). */
export interface AccountGroup {
  account: string;
  namespaces: { namespace: string; clusters: { cluster: string; serverGroups: ServerGroup[] }[] }[];
}

const byName =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));
const newestFirst = (a: ServerGroup, b: ServerGroup) =>
  (b.moniker?.sequence ?? -1) - (a.moniker?.sequence ?? -1) || (b.createdTime ?? 0) - (a.createdTime ?? 0);

/** The cluster a server group belongs to: its moniker's, else clouddriver's, else its own name. */
export const clusterOf = (sg: ServerGroup): string => sg.moniker?.cluster ?? sg.cluster ?? sg.name;

/** Groups server groups by account, namespace and cluster, sorted by name; server groups newest first. */
export function groupServerGroups(serverGroups: readonly ServerGroup[]): AccountGroup[] {
  const tree = new Map<string, Map<string, Map<string, ServerGroup[]>>>();
  for (const sg of serverGroups) {
    const namespaces = tree.get(sg.account) ?? new Map<string, Map<string, ServerGroup[]>>();
    tree.set(sg.account, namespaces);
    const namespace = sg.namespace ?? sg.region ?? '';
    const clusters = namespaces.get(namespace) ?? new Map<string, ServerGroup[]>();
    namespaces.set(namespace, clusters);
    const list = clusters.get(clusterOf(sg)) ?? [];
    list.push(sg);
    clusters.set(clusterOf(sg), list);
  }
  return [...tree.entries()]
    .map(([account, namespaces]) => ({
      account,
      namespaces: [...namespaces.entries()]
        .map(([namespace, clusters]) => ({
          namespace,
          clusters: [...clusters.entries()]
            .map(([cluster, sgs]) => ({ cluster, serverGroups: sgs.slice().sort(newestFirst) }))
            .sort(byName((c) => c.cluster)),
        }))
        .sort(byName((n) => n.namespace)),
    }))
    .sort(byName((a) => a.account));
}

/** Ready/desired replicas of a server group (ready = pods whose health is Up). */
export function replicaCounts(sg: ServerGroup): { ready: number; desired: number } {
  const ready = sg.instanceCounts?.up ?? sg.instances.filter((i) => healthOf(i) === 'Up').length;
  return { ready, desired: sg.capacity?.desired ?? sg.instances.length };
}

/** A pod's overall health: Up, Down or Unknown. */
export function healthOf(instance: Instance): 'Up' | 'Down' | 'Unknown' {
  const state = instance.healthState;
  if (state === 'Up' || state === 'Down') return state;
  const health = instance.health ?? [];
  if (health.some((h) => h.state === 'Down')) return 'Down';
  if (health.length > 0 && health.every((h) => h.state === 'Up')) return 'Up';
  return 'Unknown';
}

/** The server group's version label (`v003`), from its moniker sequence or its name. */
export function versionOf(sg: ServerGroup): string {
  const sequence = sg.moniker?.sequence;
  if (typeof sequence === 'number') return `v${String(sequence).padStart(3, '0')}`;
  return /-(v\d{3,})$/.exec(sg.displayName ?? sg.name)?.[1] ?? '—';
}
