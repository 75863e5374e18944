import type { KubeObject, Loose } from '../types.js';
import { jsonEqual } from '../types.js';
import type { ResourceType } from './resources.js';

/** Whether an update changes `metadata.generation` under the kind's policy (kube-sandbox.md 1.6). */
export function generationChanged(rt: ResourceType, old: KubeObject, obj: KubeObject): boolean {
  switch (rt.generation) {
    case 'none':
      return false;
    case 'spec':
      return !jsonEqual(old.spec, obj.spec);
    case 'spec+annotations':
      return !jsonEqual(old.spec, obj.spec) || !jsonEqual(old.metadata.annotations, obj.metadata.annotations);
    case 'non-metadata': {
      const strip = (o: KubeObject): Loose => ({ ...o, metadata: undefined, status: undefined });
      return !jsonEqual(strip(old), strip(obj));
    }
  }
}
