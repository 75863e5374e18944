import type { KubeObject, Loose } from '../types.js';
import { clone, isObject, jsonEqual } from '../types.js';
import { resolveIntOrPercent } from '../kinds/workload-common.js';

/** Annotation keys (deployment.kubernetes.io/*). */
export const REVISION = 'deployment.kubernetes.io/revision';
/** Revision history annotation. */
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** Desired replicas annotation. */
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
/** Max replicas annotation. */
export const MAX = 'deployment.kubernetes.io/max-replicas';
const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED,
  MAX,
  'deprecated.deployment.rollback.to',
]);

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(value: Loose): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A pod-template-hash: FNV-32a of the canonical template, safe-encoded like the real controller. */
export function templateHash(template: Loose, collisionCount = 0): string {
  const text = canonical(template) + (collisionCount ? String(collisionCount) : '');
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return [...String(h)].map((ch) => ALPHABET[ch.charCodeAt(0) % ALPHABET.length]).join('');
}

/** A template without the pod-template-hash label. */
export function withoutHash(template: Loose): Loose {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels['pod-template-hash'];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** True when the RS template equals the deployment's, ignoring pod-template-hash. */
export function sameTemplate(rsTemplate: Loose, deployTemplate: Loose): boolean {
  return jsonEqual(withoutHash(rsTemplate), withoutHash(deployTemplate));
}

/** The revision number of a ReplicaSet (0 when absent). */
export function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
}

/** Deployment annotations that are copied to its ReplicaSets. */
export function copiedAnnotations(d: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP.has(k)) out[k] = v;
  return out;
}

/** Resolved maxSurge/maxUnavailable (both 0 → unavailable 1). */
export function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type !== 'RollingUpdate') return { surge: 0, unavailable: 0 };
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const surge = resolveIntOrPercent(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = resolveIntOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, replicas) };
}
