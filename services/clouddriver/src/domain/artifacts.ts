import type { Artifact } from '@genoa/shared';
import { versionString } from './annotations.js';
import type { KubeObject } from './kube-object.js';

/** The image name without tag or digest (`org/demo:1.2` → `org/demo`, keeping a registry port). */
export function imageName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Every container list of a manifest: pod spec (Pod) or pod template spec (workloads, Jobs, CronJobs). */
function containerLists(manifest: KubeObject): { image?: string }[][] {
  const specs = [
    manifest.kind === 'Pod' ? manifest.spec : undefined,
    manifest.spec?.template?.spec,
    manifest.spec?.jobTemplate?.spec?.template?.spec,
  ].filter((s): s is Record<string, unknown> => !!s && typeof s === 'object');
  return specs.flatMap((s) =>
    ['containers', 'initContainers'].map((k) => (Array.isArray(s[k]) ? (s[k] as { image?: string }[]) : [])),
  );
}

/**
 * Replaces image references with bound `docker/image` artifacts (in place): a container whose
 * image name (without tag or digest) equals an artifact's `name` gets the artifact's `reference`.
 * Returns the artifacts that bound something.
 */
export function bindImageArtifacts(manifest: KubeObject, artifacts: readonly Artifact[]): Artifact[] {
  const images = artifacts.filter((a) => a.type === 'docker/image' && a.name && a.reference);
  const bound = new Set<Artifact>();
  for (const list of containerLists(manifest))
    for (const container of list) {
      if (!container.image) continue;
      const match = images.find((a) => a.name === imageName(container.image!) || a.name === container.image);
      if (match) {
        container.image = match.reference!;
        bound.add(match);
      }
    }
  return [...bound];
}

/** The `docker/image` artifacts a manifest references (the manifest view's `artifacts`). */
export function imageArtifacts(manifest: KubeObject): Artifact[] {
  const seen = new Map<string, Artifact>();
  for (const list of containerLists(manifest))
    for (const c of list)
      if (c.image && !seen.has(c.image))
        seen.set(c.image, { type: 'docker/image', name: imageName(c.image), reference: c.image });
  return [...seen.values()];
}

/** The artifact a deploy created for a manifest (`kubernetes/replicaSet`, `demo`, `v001`…). */
export function createdArtifact(
  manifest: KubeObject,
  spinnakerKind: string,
  baseName: string,
  version: number | undefined,
  account: string,
): Artifact {
  return {
    type: `kubernetes/${spinnakerKind}`,
    name: baseName,
    location: manifest.metadata?.namespace ?? '',
    version: versionString(version),
    reference: manifest.metadata?.name ?? baseName,
    metadata: { account },
  };
}
