/** A Kubernetes object as clouddriver handles it: plain JSON with the usual envelope. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    generation?: number;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
    [key: string]: unknown;
  };
  // Kubernetes objects are open-ended; each handler reads the fields it knows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [key: string]: unknown;
}

/** `kind name`, Spinnaker's way of naming a manifest (`replicaSet demo-v001`). */
export interface ManifestCoordinates {
  kind: string;
  name: string;
}

/**
 * Parses Spinnaker's `"<kind> <name>"` (`deployment demo`, `replicaSet demo-v001`); `undefined`
 * when it is not two words.
 */
export function parseManifestName(value: string): ManifestCoordinates | undefined {
  const match = /^\s*([A-Za-z][\w.-]*)\s+([a-z0-9][a-z0-9.-]*)\s*$/.exec(value);
  return match ? { kind: match[1]!, name: match[2]! } : undefined;
}

/** A deep copy of a JSON value. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The labels of an object's pod template, created if absent. */
export function templateMetadata(
  object: KubeObject,
): { labels: Record<string, string>; annotations: Record<string, string> } | undefined {
  const template = object.spec?.template;
  if (!template || typeof template !== 'object') return undefined;
  template.metadata ??= {};
  template.metadata.labels ??= {};
  template.metadata.annotations ??= {};
  return template.metadata;
}
