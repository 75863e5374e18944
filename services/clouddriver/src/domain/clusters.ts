import { monikerOf } from './annotations.js';
import type { KubeObject } from './kube-object.js';
import { versionOf } from './versioning.js';

/** Spinnaker's dynamic target criteria (`resolveTargetManifest`). */
export const TARGET_CRITERIA = ['oldest', 'newest', 'second_newest', 'largest', 'smallest'] as const;
/** See {@link TARGET_CRITERIA}. */
export type TargetCriteria = (typeof TARGET_CRITERIA)[number];

/** Objects of one application and cluster (by moniker annotations). */
export function clusterMembers(
  objects: readonly KubeObject[],
  spinnakerKind: string,
  app: string,
  cluster: string,
): KubeObject[] {
  return objects.filter((o) => {
    const m = monikerOf(o, spinnakerKind);
    return m?.app === app && m.cluster === cluster && !o.metadata?.deletionTimestamp;
  });
}

const created = (o: KubeObject) => Date.parse(o.metadata?.creationTimestamp ?? '') || 0;
const age = (a: KubeObject, b: KubeObject) =>
  created(a) - created(b) || (versionOf(a) ?? 0) - (versionOf(b) ?? 0);
const size = (o: KubeObject) => Number(o.spec?.replicas ?? 0);

/** The member a dynamic target picks (`newest`, `second_newest`, `oldest`, `largest`, `smallest`), if any. */
export function pickByCriteria(
  members: readonly KubeObject[],
  criteria: TargetCriteria,
): KubeObject | undefined {
  const byAge = [...members].sort(age);
  switch (criteria) {
    case 'oldest':
      return byAge[0];
    case 'newest':
      return byAge.at(-1);
    case 'second_newest':
      return byAge.at(-2);
    case 'largest':
      return [...byAge].sort((a, b) => size(b) - size(a))[0];
    case 'smallest':
      return [...byAge].sort((a, b) => size(a) - size(b))[0];
  }
}
