import { Annotation } from './annotations.js';
import type { KubeObject } from './kube-object.js';

const VERSIONED_NAME = /^(.*)-v(\d{3,})$/;

/** `demo-v007` for (`demo`, 7). */
export const versionedName = (baseName: string, version: number): string =>
  `${baseName}-v${String(version).padStart(3, '0')}`;

/** The version number of a live versioned object (annotation, else name suffix), or undefined. */
export function versionOf(object: KubeObject): number | undefined {
  const annotated = object.metadata?.annotations?.[Annotation.ARTIFACT_VERSION];
  const fromAnnotation = annotated ? /^v(\d+)$/.exec(annotated) : null;
  if (fromAnnotation) return Number(fromAnnotation[1]);
  const fromName = VERSIONED_NAME.exec(object.metadata?.name ?? '');
  return fromName ? Number(fromName[2]) : undefined;
}

/** The unversioned name of a live object (`artifact.spinnaker.io/name`, else the name without `-vNNN`). */
export function baseNameOf(object: KubeObject): string {
  const annotated = object.metadata?.annotations?.[Annotation.ARTIFACT_NAME];
  if (annotated) return annotated;
  const name = object.metadata?.name ?? '';
  return VERSIONED_NAME.exec(name)?.[1] ?? name;
}

/** Live objects that are versions of `baseName` (same `artifact.spinnaker.io/name`), oldest version first. */
export function versionsOf(objects: readonly KubeObject[], baseName: string): KubeObject[] {
  return objects
    .filter((o) => baseNameOf(o) === baseName && versionOf(o) !== undefined)
    .sort((a, b) => versionOf(a)! - versionOf(b)!);
}

/** The manifest without its metadata and status: what versioning compares. */
const comparable = (object: KubeObject): string => {
  const { metadata: _m, status: _s, ...rest } = JSON.parse(JSON.stringify(object)) as KubeObject;
  const template = (
    rest.spec as
      | {
          template?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> } };
        }
      | undefined
  )?.template?.metadata;
  // The version itself is stamped into the pod template; it must not make two equal manifests differ.
  delete template?.annotations?.[Annotation.SEQUENCE];
  delete template?.annotations?.[Annotation.ARTIFACT_VERSION];
  delete template?.labels?.[Annotation.SEQUENCE];
  return stableStringify(rest);
};

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The version a new manifest gets (engine.md §6.3): the version of an existing one whose last
 * applied configuration equals it apart from metadata (a redeploy of the same thing), else the
 * highest existing version + 1, else 0.
 */
export function chooseVersion(
  existing: readonly KubeObject[],
  baseName: string,
  candidate: KubeObject,
): { version: number; reused: boolean } {
  const versions = versionsOf(existing, baseName);
  const wanted = comparable(candidate);
  for (const live of versions) {
    const last = live.metadata?.annotations?.[Annotation.LAST_APPLIED];
    if (!last) continue;
    try {
      if (comparable(JSON.parse(last) as KubeObject) === wanted)
        return { version: versionOf(live)!, reused: true };
    } catch {
      // an unreadable last-applied annotation never matches
    }
  }
  const highest = versions.length > 0 ? versionOf(versions[versions.length - 1]!)! : -1;
  return { version: highest + 1, reused: false };
}

/**
 * The versions to delete so that at most `maxVersionHistory` remain (the oldest go first), never
 * the ones named in `keep`.
 */
export function versionsBeyondHistory(
  existing: readonly KubeObject[],
  baseName: string,
  maxVersionHistory: number,
  keep: readonly string[] = [],
): KubeObject[] {
  const versions = versionsOf(existing, baseName);
  const excess = versions.length - maxVersionHistory;
  if (excess <= 0) return [];
  return versions.slice(0, excess).filter((o) => !keep.includes(o.metadata?.name ?? ''));
}
