import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startHarness, type Harness } from '../__fixtures__/harness.js';
import type { KubeObject } from '../domain/kube-object.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const replicaSet = (name: string, image: string, extra: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, annotations: extra },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});
const deploy = (manifests: unknown[], extra: Record<string, unknown> = {}) => [
  {
    deployManifest: {
      account: 'local',
      cloudProvider: 'kubernetes',
      moniker: { app: 'shop' },
      source: 'text',
      manifests,
      ...extra,
    },
  },
];

describe('deployManifest', () => {
  it('versions ReplicaSets -v000 then -v001 and stamps Spinnaker annotations and labels', async () => {
    const first = await h.run(deploy([replicaSet('cart', 'org/cart:1')]));
    expect(first.status.failed).toBe(false);
    const result = first.resultObjects[0] as {
      manifestNamesByNamespace: Record<string, string[]>;
      createdArtifacts: { reference: string; version: string; type: string }[];
      manifests: KubeObject[];
    };
    expect(result.manifestNamesByNamespace).toEqual({ default: ['replicaSet cart-v000'] });
    expect(result.createdArtifacts[0]).toMatchObject({
      type: 'kubernetes/replicaSet',
      reference: 'cart-v000',
      version: 'v000',
      location: 'default',
    });
    const annotations = result.manifests[0]!.metadata!.annotations!;
    expect(annotations).toMatchObject({
      'moniker.spinnaker.io/application': 'shop',
      'moniker.spinnaker.io/cluster': 'replicaSet cart',
      'moniker.spinnaker.io/sequence': '0',
      'artifact.spinnaker.io/name': 'cart',
      'artifact.spinnaker.io/version': 'v000',
    });
    expect(result.manifests[0]!.metadata!.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'spinnaker',
      'app.kubernetes.io/name': 'shop',
    });
    expect(result.manifests[0]!.spec.template.metadata.annotations['moniker.spinnaker.io/application']).toBe(
      'shop',
    );

    const second = await h.run(deploy([replicaSet('cart', 'org/cart:2')]));
    expect(
      (second.resultObjects[0] as { manifestNamesByNamespace: unknown }).manifestNamesByNamespace,
    ).toEqual({ default: ['replicaSet cart-v001'] });
    // the same manifest again reuses its version instead of creating v002
    const again = await h.run(deploy([replicaSet('cart', 'org/cart:2')]));
    expect(
      (again.resultObjects[0] as { manifestNamesByNamespace: unknown }).manifestNamesByNamespace,
    ).toEqual({ default: ['replicaSet cart-v001'] });
    expect(second.history.map((e) => e.phase)).toContain('DEPLOY_KUBERNETES_MANIFEST');
  });

  it('cleans up versions beyond max-version-history', async () => {
    const annotated = (image: string) =>
      replicaSet('hist', image, { 'strategy.spinnaker.io/max-version-history': '2' });
    let last: KubeObject[] = [];
    for (const tag of ['1', '2', '3']) {
      const task = await h.run(deploy([annotated(`org/hist:${tag}`)]));
      last = (task.resultObjects[0] as { manifests: KubeObject[] }).manifests;
    }
    const cleanup = await h.run([{ cleanupArtifacts: { account: 'local', manifests: last } }]);
    expect(cleanup.resultObjects[0]).toEqual({
      manifestNamesByNamespace: { default: ['replicaSet hist-v000'] },
    });
    const live = await h.clouddriver.accounts.get('local')!.client.list('ReplicaSet', 'default');
    expect(
      live
        .map((o) => o.metadata!.name)
        .filter((n) => n!.startsWith('hist-'))
        .sort(),
    ).toEqual(['hist-v001', 'hist-v002']);
  });

  it('binds image artifacts, overrides the namespace and reports bound artifacts', async () => {
    const task = await h.run(
      deploy([{ ...replicaSet('img', 'org/img'), metadata: { name: 'img', namespace: 'elsewhere' } }], {
        namespaceOverride: 'default',
        requiredArtifacts: [{ type: 'docker/image', name: 'org/img', reference: 'org/img@sha256:abc' }],
      }),
    );
    const result = task.resultObjects[0] as {
      manifests: KubeObject[];
      boundArtifacts: { reference: string }[];
      manifestNamesByNamespace: object;
    };
    expect(result.manifestNamesByNamespace).toEqual({ default: ['replicaSet img-v000'] });
    expect(result.manifests[0]!.spec.template.spec.containers[0].image).toBe('org/img@sha256:abc');
    expect(result.boundArtifacts).toEqual([
      { type: 'docker/image', name: 'org/img', reference: 'org/img@sha256:abc' },
    ]);
  });

  it('fails the task when a required artifact binds nowhere', async () => {
    const task = await h.run(
      deploy([replicaSet('nobind', 'org/other:1')], {
        requiredArtifacts: [{ type: 'docker/image', name: 'org/missing', reference: 'org/missing:1' }],
      }),
    );
    expect(task.status.failed).toBe(true);
    expect(failureOf(task)).toContain('required artifacts could not be bound: docker/image org/missing');
  });

  it('deploys a Deployment with use-source-capacity and a Service, unversioned', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', annotations: { 'strategy.spinnaker.io/use-source-capacity': 'true' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'w', image: 'org/web:1' }] },
        },
      },
    };
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    };
    const first = await h.run(deploy([deployment, service]));
    expect((first.resultObjects[0] as { manifestNamesByNamespace: object }).manifestNamesByNamespace).toEqual(
      { default: ['service web', 'deployment web'] },
    );
    await h.run([
      {
        scaleManifest: { account: 'local', manifestName: 'deployment web', location: 'default', replicas: 3 },
      },
    ]);
    const second = await h.run(deploy([deployment]));
    expect((second.resultObjects[0] as { manifests: KubeObject[] }).manifests[0]!.spec.replicas).toBe(3);
  });

  it('fails with the API server message quoted for an invalid manifest', async () => {
    const bad = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'bad' },
      data: { a: 'x' },
      notAField: true,
    };
    const task = await h.run(deploy([bad]));
    expect(task.status).toMatchObject({ completed: true, failed: true });
    const message = failureOf(task);
    expect(message).toContain('Deploying configMap bad-v000 in default failed:');
    expect(message).toMatch(/notAField/);
    expect(task.history.at(-1)!.status).toContain('Orchestration failed');
  });

  it('answers 400 naming the field for an unknown account or a bad description', async () => {
    const unknown = await h.clouddriver.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: deploy([replicaSet('x', 'x')], { account: 'nope' }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('Unknown account "nope" (known accounts: local)');
    const bad = await h.clouddriver.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [{ deployManifest: { account: 'local', manifests: [{ kind: 'ReplicaSet', metadata: {} }] } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('[0].deployManifest.manifests[0].apiVersion');
    const op = await h.clouddriver.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [{ launchRocket: {} }],
    });
    expect(op.statusCode).toBe(400);
    expect(op.json().message).toContain('Unknown operation "launchRocket"');
  });
});
