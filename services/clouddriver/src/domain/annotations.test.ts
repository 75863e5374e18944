import { describe, expect, it } from 'vitest';
import { loadBalancersOf, monikerOf, stampManifest } from './annotations.js';
import { bindImageArtifacts, imageName } from './artifacts.js';
import type { KubeObject } from './kube-object.js';
import { parseManifestName } from './kube-object.js';
import { toLabelSelector } from './label-selectors.js';
import { attachSelector, trafficPatch } from './traffic.js';

const workload = (): KubeObject => ({
  kind: 'ReplicaSet',
  metadata: { name: 'web-v001', annotations: { 'moniker.spinnaker.io/cluster': 'custom' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'reg:5000/org/web:1' }] },
    },
  },
});

describe('annotations and labels', () => {
  it('stamps moniker, artifact and traffic annotations on the object and its template, keeping user values', () => {
    const m = workload();
    stampManifest(m, {
      moniker: { app: 'web' },
      account: 'a',
      spinnakerKind: 'replicaSet',
      baseName: 'web',
      namespace: 'prod',
      version: 1,
      loadBalancers: ['service web'],
    });
    expect(m.metadata!.annotations).toMatchObject({
      'moniker.spinnaker.io/application': 'web',
      'moniker.spinnaker.io/cluster': 'custom',
      'moniker.spinnaker.io/sequence': '1',
      'artifact.spinnaker.io/type': 'kubernetes/replicaSet',
      'artifact.spinnaker.io/location': 'prod',
      'artifact.spinnaker.io/version': 'v001',
      'traffic.spinnaker.io/load-balancers': '["service web"]',
    });
    expect(m.metadata!.labels).toEqual({
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/managed-by': 'spinnaker',
      'moniker.spinnaker.io/sequence': '1',
    });
    expect(m.spec.template.metadata.labels['app.kubernetes.io/managed-by']).toBe('spinnaker');
    expect(monikerOf(m, 'replicaSet')).toEqual({ app: 'web', cluster: 'custom', sequence: 1 });
    expect(loadBalancersOf(m)).toEqual(['service web']);
  });

  it('skips template labels when asked and defaults the cluster to "kind name"', () => {
    const m = workload();
    delete m.metadata!.annotations;
    stampManifest(m, {
      moniker: { app: 'web' },
      account: 'a',
      spinnakerKind: 'replicaSet',
      baseName: 'web',
      namespace: 'ns',
      skipSpecTemplateLabels: true,
    });
    expect(m.metadata!.annotations!['moniker.spinnaker.io/cluster']).toBe('replicaSet web');
    expect(m.metadata!.annotations!['artifact.spinnaker.io/version']).toBe('');
    expect(m.spec.template.metadata.labels).toEqual({ app: 'web' });
  });

  it('binds docker images by name without tag or digest, keeping registry ports', () => {
    expect(imageName('reg:5000/org/web:1')).toBe('reg:5000/org/web');
    expect(imageName('org/web@sha256:abc')).toBe('org/web');
    const m = workload();
    const bound = bindImageArtifacts(m, [
      { type: 'docker/image', name: 'reg:5000/org/web', reference: 'reg:5000/org/web:2' },
      { type: 'docker/image', name: 'x', reference: 'x:1' },
    ]);
    expect(m.spec.template.spec.containers[0].image).toBe('reg:5000/org/web:2');
    expect(bound.map((a) => a.name)).toEqual(['reg:5000/org/web']);
  });

  it('attaches service selectors and refuses conflicting keys', () => {
    const m = workload();
    attachSelector(m, 'web', { lb: 'web' });
    expect(m.spec.template.metadata.labels).toEqual({ app: 'web', lb: 'web' });
    expect(() => attachSelector(workload(), 'web', { app: 'web' })).toThrow(
      /also in web-v001's own selector/,
    );
    expect(() => attachSelector(workload(), 'web', {})).toThrow(/has no selector/);
    expect(trafficPatch({ lb: 'web', a: 'b' }, { lb: 'web' }, '/metadata/labels', false)).toEqual([
      { op: 'remove', path: '/metadata/labels/lb' },
    ]);
    expect(trafficPatch({}, { 'x/y': '1' }, '/metadata/labels', true)).toEqual([
      { op: 'add', path: '/metadata/labels/x~1y', value: '1' },
    ]);
    expect(trafficPatch(undefined, { a: '1' }, '/metadata/labels', true)).toEqual([
      { op: 'add', path: '/metadata/labels', value: { a: '1' } },
    ]);
  });

  it('parses "kind name" and builds label selectors', () => {
    expect(parseManifestName('replicaSet demo-v001')).toEqual({ kind: 'replicaSet', name: 'demo-v001' });
    expect(parseManifestName('demo')).toBeUndefined();
    expect(
      toLabelSelector([
        { kind: 'EQUALS', key: 'a', values: ['1'] },
        { kind: 'CONTAINS', key: 'b', values: ['x', 'y'] },
        { kind: 'NOT_EXISTS', key: 'c', values: [] },
      ]),
    ).toBe('a=1,b in (x,y),!c');
  });
});
