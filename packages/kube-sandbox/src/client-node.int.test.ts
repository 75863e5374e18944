import { KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, ApiException } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from './sandbox.js';
import { startKubeSandbox } from './sandbox.js';
import type { Loose } from './types.js';

let sandbox: KubeSandbox;
let objects: KubernetesObjectApi;
let kc: KubeConfig;
const requests: string[] = [];

const cm = (name: string, data: Record<string, string>): KubernetesObject & Loose => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

beforeAll(async () => {
  sandbox = await startKubeSandbox({
    podReadyDelayMs: 30,
    onRequest: (r) => requests.push(`${r.method} ${r.path}`),
  });
  kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig());
  objects = KubernetesObjectApi.makeApiClient(kc);
});
afterAll(async () => sandbox?.stop());

describe('@kubernetes/client-node 1.4 against kube-sandbox', () => {
  it('create, read, list, patch (each strategy), replace, delete a ConfigMap', async () => {
    const created = (await objects.create(cm('cfg', { a: '1' }))) as Loose;
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = (await objects.read({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
    })) as Loose;
    expect(read.data).toEqual({ a: '1' });
    const list = (await objects.list('v1', 'ConfigMap', 'default')) as Loose;
    expect(list.items.map((i: Loose) => i.metadata.name)).toEqual(
      expect.arrayContaining(['cfg', 'kube-root-ca.crt']),
    );
    await objects.patch(
      cm('cfg', { b: '2' }),
      undefined,
      undefined,
      'test',
      undefined,
      PatchStrategy.StrategicMergePatch,
    );
    await objects.patch(
      cm('cfg', { c: '3' }),
      undefined,
      undefined,
      'test',
      undefined,
      PatchStrategy.MergePatch,
    );
    const applied = (await objects.patch(
      cm('cfg', { e: '5' }),
      undefined,
      undefined,
      'ssa',
      true,
      PatchStrategy.ServerSideApply,
    )) as Loose;
    expect(applied.data).toEqual({ a: '1', b: '2', c: '3', e: '5' });
    const replaced = (await objects.replace({ ...applied, data: { only: 'x' } })) as Loose;
    expect(replaced.data).toEqual({ only: 'x' });
    await objects.delete(cm('cfg', {}));
    await expect(objects.read(cm('cfg', {}))).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof ApiException && e.code === 404 && String(e.body).includes('"reason":"NotFound"'),
    );
  });

  it('create and patch a Deployment; errors carry Status bodies', async () => {
    const d: Loose = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cn', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'cn' } },
        template: {
          metadata: { labels: { app: 'cn' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
        },
      },
    };
    await objects.create(d);
    // KubernetesObjectApi resolves the resource from the group-version's discovery document.
    expect(requests).toContain('GET /apis/apps/v1');
    expect(requests).toContain('POST /apis/apps/v1/namespaces/default/deployments');
    const dup = await objects.create(d).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ApiException);
    expect((dup as ApiException<string>).code).toBe(409);
    const patched = (await objects.patch(
      { ...d, spec: { replicas: 2 } },
      undefined,
      undefined,
      'test',
      undefined,
      PatchStrategy.MergePatch,
    )) as Loose;
    expect(patched.spec.replicas).toBe(2);
    expect(patched.metadata.generation).toBe(2);
  });

  it('Watch streams ADDED/MODIFIED/DELETED events', async () => {
    const seen: string[] = [];
    const watch = new Watch(kc);
    const req = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { labelSelector: 'w=1' },
      (type, obj: Loose) => seen.push(`${type} ${obj.metadata.name}`),
      () => undefined,
    );
    await objects.create({
      ...cm('w1', { a: '1' }),
      metadata: { name: 'w1', namespace: 'default', labels: { w: '1' } },
    });
    await objects.patch(
      { ...cm('w1', { a: '2' }) },
      undefined,
      undefined,
      'test',
      undefined,
      PatchStrategy.MergePatch,
    );
    await objects.delete(cm('w1', {}));
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    req.abort();
    expect(seen).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
  });
});
