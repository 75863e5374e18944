import { describe, expect, it } from 'vitest';
import { Annotation, stampManifest } from './annotations.js';
import type { KubeObject } from './kube-object.js';
import { baseNameOf, chooseVersion, versionedName, versionOf, versionsBeyondHistory } from './versioning.js';

const live = (name: string, spec: unknown = { replicas: 1 }): KubeObject => {
  const object: KubeObject = { kind: 'ReplicaSet', metadata: { name, annotations: {} }, spec };
  object.metadata!.annotations![Annotation.ARTIFACT_NAME] = name.slice(0, -5);
  object.metadata!.annotations![Annotation.ARTIFACT_VERSION] = name.slice(-4);
  object.metadata!.annotations![Annotation.LAST_APPLIED] = JSON.stringify({
    kind: 'ReplicaSet',
    metadata: { name },
    spec,
  });
  return object;
};

describe('versioning', () => {
  it('names and parses versions', () => {
    expect(versionedName('demo', 7)).toBe('demo-v007');
    expect(versionedName('demo', 1234)).toBe('demo-v1234');
    expect(versionOf({ metadata: { name: 'demo-v012' } })).toBe(12);
    expect(versionOf({ metadata: { name: 'demo' } })).toBeUndefined();
    expect(baseNameOf({ metadata: { name: 'demo-v003' } })).toBe('demo');
  });

  it('starts at 0, increments past the highest, and reuses an identical version', () => {
    expect(chooseVersion([], 'demo', { kind: 'ReplicaSet', spec: {} })).toEqual({
      version: 0,
      reused: false,
    });
    const existing = [
      live('demo-v000', { replicas: 1 }),
      live('demo-v002', { replicas: 2 }),
      live('other-v009'),
    ];
    expect(
      chooseVersion(existing, 'demo', {
        kind: 'ReplicaSet',
        metadata: { name: 'demo' },
        spec: { replicas: 3 },
      }),
    ).toEqual({ version: 3, reused: false });
    expect(
      chooseVersion(existing, 'demo', { kind: 'ReplicaSet', metadata: { name: 'x' }, spec: { replicas: 1 } }),
    ).toEqual({ version: 0, reused: true });
  });

  it('ignores the stamped version in the pod template when comparing', () => {
    const manifest = (): KubeObject => ({
      kind: 'ReplicaSet',
      metadata: { name: 'demo' },
      spec: { template: { metadata: { labels: { a: 'b' } } } },
    });
    const deployed = manifest();
    stampManifest(deployed, {
      moniker: { app: 'app' },
      account: 'a',
      spinnakerKind: 'replicaSet',
      baseName: 'demo',
      namespace: 'ns',
      version: 4,
    });
    deployed.metadata!.name = 'demo-v004';
    deployed.metadata!.annotations![Annotation.LAST_APPLIED] = JSON.stringify(deployed);
    const probe = manifest();
    stampManifest(probe, {
      moniker: { app: 'app' },
      account: 'a',
      spinnakerKind: 'replicaSet',
      baseName: 'demo',
      namespace: 'ns',
      version: 0,
    });
    expect(chooseVersion([deployed], 'demo', probe)).toEqual({ version: 4, reused: true });
  });

  it('picks the oldest versions beyond max-version-history, never the kept one', () => {
    const existing = ['demo-v000', 'demo-v001', 'demo-v002', 'demo-v003'].map((n) => live(n));
    expect(versionsBeyondHistory(existing, 'demo', 2).map((o) => o.metadata!.name)).toEqual([
      'demo-v000',
      'demo-v001',
    ]);
    expect(versionsBeyondHistory(existing, 'demo', 3, ['demo-v000'])).toEqual([]);
    expect(versionsBeyondHistory(existing, 'demo', 5)).toEqual([]);
  });
});
