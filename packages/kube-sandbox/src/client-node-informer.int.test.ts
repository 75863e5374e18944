import { AppsV1Api, CoreV1Api, KubeConfig, ListWatch, Watch } from '@kubernetes/client-node';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from './api/server.js';
import { eventually } from './fidelity/kubectl-harness.js';
import type { KubeSandbox } from './sandbox.js';
import { startKubeSandbox } from './sandbox.js';

// kube-sandbox.md §5 checks 20 (informer relists after 410) and 31 (informer across repeated
// watch timeouts), with a 0.3 s server watch timeout so ten timeouts take seconds.
let sandbox: KubeSandbox;
let kc: KubeConfig;
const requests: RequestRecord[] = [];

beforeAll(async () => {
  sandbox = await startKubeSandbox({
    podReadyDelayMs: 30,
    watchTimeoutSeconds: 0.3,
    onRequest: (r) => requests.push(r),
  });
  kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig());
});
afterAll(async () => sandbox?.stop());

const cm = (name: string, data: Record<string, string> = { a: '1' }): V1ConfigMap => ({
  metadata: { name, namespace: 'default', labels: { suite: 'informer' } },
  data,
});

describe('client-node informers against kube-sandbox', () => {
  it('20 a ListWatch relists after an in-stream 410 and keeps delivering, without duplicate ADDs', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('i-a') });
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('i-b') });
    const adds: string[] = [];
    const updates: string[] = [];
    const lw = new ListWatch<V1ConfigMap>(
      '/api/v1/namespaces/default/configmaps',
      new Watch(kc),
      () => core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'suite=informer' }),
      false,
      'suite=informer',
    );
    lw.on('add', (o) => adds.push(o.metadata!.name!));
    lw.on('update', (o) => updates.push(o.metadata!.name!));
    await lw.start();
    await eventually(() => adds.length === 2);
    // Move the global resourceVersion past the informer's (other resource), then compact: the
    // informer's next watch (after the 0.3 s server timeout) gets an in-stream 410 Expired.
    await core.createNamespacedSecret({ namespace: 'default', body: { metadata: { name: 'bump' } } });
    const before = requests.length;
    sandbox.compactHistory();
    const relist = await eventually(() =>
      requests
        .slice(before)
        .find(
          (r, i, rest) =>
            r.path.startsWith('/api/v1/namespaces/default/configmaps?') &&
            !r.path.includes('watch=') &&
            rest.slice(0, i).some((w) => w.path.includes('watch=')),
        ),
    );
    expect(relist.code).toBe(200);
    expect(adds.sort()).toEqual(['i-a', 'i-b']);
    await core.createNamespacedConfigMap({ namespace: 'default', body: cm('i-c') });
    await core.patchNamespacedConfigMap({
      namespace: 'default',
      name: 'i-a',
      body: [{ op: 'replace', path: '/data/a', value: '2' }],
    });
    await eventually(() => adds.includes('i-c') && updates.includes('i-a'));
    expect(adds.filter((n) => n === 'i-a')).toHaveLength(1);
    expect(
      lw
        .list('default')
        .map((o) => `${o.metadata!.name}=${o.data!.a}`)
        .sort(),
    ).toEqual(['i-a=2', 'i-b=1', 'i-c=1']);
    await lw.stop();
  });

  it('31 a Deployment informer stays correct across ten watch timeouts while other resources churn', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const deployment = (name: string): V1Deployment => ({
      metadata: { name, namespace: 'default', labels: { suite: 'churn' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
        },
      },
    });
    const lw = new ListWatch<V1Deployment>(
      '/apis/apps/v1/namespaces/default/deployments',
      new Watch(kc),
      () => apps.listNamespacedDeployment({ namespace: 'default' }),
      false,
    );
    const errors: unknown[] = [];
    lw.on('error', (e) => errors.push(e));
    await lw.start();
    const watchCount = (): number =>
      requests.filter(
        (r) =>
          r.path.startsWith('/apis/apps/v1/namespaces/default/deployments?') && r.path.includes('watch='),
      ).length;
    const startWatches = watchCount();
    let i = 0;
    while (watchCount() - startWatches < 10) {
      i++;
      await core.createNamespacedConfigMap({ namespace: 'default', body: cm(`churn-${i}`) });
      if (i % 5 === 1)
        await apps.createNamespacedDeployment({ namespace: 'default', body: deployment(`d${i}`) });
      if (i % 5 === 3)
        await apps.patchNamespacedDeployment({
          namespace: 'default',
          name: `d${i - 2}`,
          body: [{ op: 'add', path: '/metadata/labels/touched', value: String(i) }],
        });
      if (i % 10 === 4) await apps.deleteNamespacedDeployment({ namespace: 'default', name: `d${i - 3}` });
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(watchCount() - startWatches).toBeGreaterThanOrEqual(10);
    const truth = (): string[] =>
      sandbox.store
        .list('apps/deployments', 'default')
        .map((d) => `${d.metadata.name}@${d.metadata.resourceVersion}`)
        .sort();
    const cached = (): string[] =>
      lw
        .list('default')
        .map((d) => `${d.metadata!.name}@${d.metadata!.resourceVersion}`)
        .sort();
    // Controllers keep writing status; the cache converges on the store's exact resourceVersions.
    await eventually(() => JSON.stringify(cached()) === JSON.stringify(truth()));
    expect(cached().length).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await lw.stop();
  });
});
