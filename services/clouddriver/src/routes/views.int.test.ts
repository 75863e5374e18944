import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../__fixtures__/harness.js';
import type { KubeObject } from '../domain/kube-object.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.ok([
    {
      deployManifest: {
        account: 'local',
        moniker: { app: 'store' },
        manifests: [
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'store' },
            spec: { selector: { lb: 'store' }, ports: [{ port: 80 }] },
          },
        ],
      },
    },
  ]);
});
afterAll(async () => h?.stop());

const rs = (image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'store', annotations: { 'strategy.spinnaker.io/max-version-history': '3' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'store' } },
    template: { metadata: { labels: { app: 'store' } }, spec: { containers: [{ name: 'c', image }] } },
  },
});
const deployRedBlack = (image: string) =>
  h.ok([
    {
      deployManifest: {
        account: 'local',
        moniker: { app: 'store' },
        manifests: [rs(image)],
        services: ['service store'],
        enableTraffic: true,
        strategy: 'RED_BLACK',
      },
    },
  ]);
interface SG {
  name: string;
  isDisabled: boolean;
  instanceCounts: { total: number; up: number };
  loadBalancers: string[];
  cluster: string;
}
const serverGroups = async () => (await h.get<SG[]>('/applications/store/serverGroups')).body;
const byName = async (name: string) => (await serverGroups()).find((s) => s.name === name);
const endpoints = async () => {
  const ep = await h.clouddriver.accounts.get('local')!.client.get('Endpoints', 'default', 'store');
  return ((ep?.subsets ?? []) as { addresses?: { targetRef?: { name: string } }[] }[]).flatMap((s) =>
    (s.addresses ?? []).map((a) => a.targetRef?.name ?? ''),
  );
};

describe('red/black, rollback and highlander through the views', () => {
  it('the new version takes traffic and the old one is disabled; rollback swaps them back', async () => {
    await deployRedBlack('org/store:1');
    await waitFor(async () => (await byName('replicaSet store-v000'))?.instanceCounts.up === 2);
    await deployRedBlack('org/store:2');
    // orca's red/black after-stage: disable the previous server group of the cluster
    const { body: cluster } = await h.get<{ name: string }[]>(
      '/manifests/local/default/replicaSet/cluster/store/' + encodeURIComponent('replicaSet store'),
    );
    expect(cluster.map((c) => c.name).sort()).toEqual(['store-v000', 'store-v001']);
    await h.ok([
      { disableManifest: { account: 'local', manifestName: 'replicaSet store-v000', location: 'default' } },
    ]);
    await waitFor(
      async () =>
        (await byName('replicaSet store-v000'))?.isDisabled === true &&
        (await byName('replicaSet store-v001'))?.isDisabled === false,
    );
    const v1 = await byName('replicaSet store-v001');
    expect(v1!.loadBalancers).toEqual(['service store']);
    expect(v1!.cluster).toBe('replicaSet store');
    await waitFor(async () => {
      const eps = await endpoints();
      return eps.length === 2 && eps.every((n) => n.startsWith('store-v001-'));
    });

    // rollback: enable the old one, disable the new one
    await h.ok([
      { enableManifest: { account: 'local', manifestName: 'replicaSet store-v000', location: 'default' } },
      { disableManifest: { account: 'local', manifestName: 'replicaSet store-v001', location: 'default' } },
    ]);
    await waitFor(async () => {
      const eps = await endpoints();
      return eps.length === 2 && eps.every((n) => n.startsWith('store-v000-'));
    });
    expect((await byName('replicaSet store-v001'))!.isDisabled).toBe(true);
    const { body: lbs } = await h.get<
      { name: string; serverGroups: { name: string; isDisabled: boolean }[] }[]
    >('/applications/store/loadBalancers');
    expect(lbs.find((l) => l.name === 'service store')!.serverGroups.map((s) => s.name)).toEqual([
      'replicaSet store-v000',
    ]);
  });

  it('highlander: once the newest is stable, older versions are disabled and deleted', async () => {
    await deployRedBlack('org/store:3');
    await waitFor(async () => {
      const { body } = await h.get<{ status: { stable: { state: boolean } } }>(
        '/manifests/local/default/' + encodeURIComponent('replicaSet store-v002'),
      );
      return body.status.stable.state;
    });
    const { body: older } = await h.get<{ name: string }[]>(
      '/manifests/local/default/replicaSet/cluster/store/' + encodeURIComponent('replicaSet store'),
    );
    for (const old of older.filter((o) => o.name !== 'store-v002'))
      await h.ok([
        {
          disableManifest: { account: 'local', manifestName: `replicaSet ${old.name}`, location: 'default' },
        },
        { deleteManifest: { account: 'local', manifestName: `replicaSet ${old.name}`, location: 'default' } },
      ]);
    await waitFor(async () => {
      const names = (await serverGroups()).map((s) => s.name);
      return names.length === 1 && names[0] === 'replicaSet store-v002';
    });
    const { body: clusters } = await h.get('/applications/store/clusters');
    expect(clusters).toEqual({ local: ['replicaSet store'] });
  });
});

describe('views', () => {
  it('list applications, server group managers and one server group with instances and health', async () => {
    await h.ok([
      {
        deployManifest: {
          account: 'local',
          moniker: { app: 'catalog' },
          manifests: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'catalog' },
              spec: {
                replicas: 1,
                selector: { matchLabels: { app: 'catalog' } },
                template: {
                  metadata: { labels: { app: 'catalog' } },
                  spec: { containers: [{ name: 'c', image: 'org/catalog:1' }] },
                },
              },
            },
          ],
        },
      },
    ]);
    const apps = await waitFor(async () => {
      const { body } =
        await h.get<{ name: string; clusterNames: Record<string, string[]> }[]>('/applications');
      return body.some((a) => a.name === 'catalog' && a.clusterNames.local?.includes('deployment catalog'))
        ? body
        : undefined;
    });
    expect(apps.map((a) => a.name)).toEqual(expect.arrayContaining(['catalog', 'store']));
    const managers = await waitFor(async () => {
      const { body } = await h.get<{ name: string; serverGroups: { name: string }[] }[]>(
        '/applications/catalog/serverGroupManagers',
      );
      return body[0]?.serverGroups.length ? body : undefined;
    });
    expect(managers[0]!.name).toBe('deployment catalog');
    const rsName = managers[0]!.serverGroups[0]!.name;
    const sg = await waitFor(async () => {
      const res = await h.get<{
        instances: { healthState: string; health: { type: string }[] }[];
        serverGroupManagers: { name: string }[];
        moniker: { app: string };
      }>(`/serverGroups/local/default/${encodeURIComponent(rsName)}`);
      return res.body.instances?.[0]?.healthState === 'Up' ? res : undefined;
    });
    expect(sg.body.serverGroupManagers).toEqual([{ account: 'local', location: 'default', name: 'catalog' }]);
    expect(sg.body.moniker.app).toBe('catalog');
    expect(sg.body.instances[0]!.health.map((x) => x.type)).toEqual([
      'kubernetes/pod',
      'kubernetes/container',
    ]);
    expect(Number(sg.headers['x-genoa-cache-age-ms'])).toBeGreaterThanOrEqual(0);
    expect(sg.headers['x-genoa-cache-synced']).toBe('true');
    const missing = await h.get('/serverGroups/local/default/' + encodeURIComponent('replicaSet nope'));
    expect(missing.status).toBe(404);
    expect((await h.get('/serverGroups/ghost/default/' + encodeURIComponent('replicaSet nope'))).status).toBe(
      404,
    );
  });

  it('reflects a change made behind clouddriver within a second', async () => {
    const { client } = h.clouddriver.accounts.get('local')!;
    await client.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'side-v000',
        namespace: 'default',
        annotations: { 'moniker.spinnaker.io/application': 'side' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { s: 'side' } },
        template: { metadata: { labels: { s: 'side' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    });
    const started = Date.now();
    await waitFor(
      async () =>
        (await h.get<SG[]>('/applications/side/serverGroups')).body.length === 1 ? true : undefined,
      1_000,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    await client.patch('ReplicaSet', 'default', 'side-v000', { spec: { replicas: 3 } }, 'merge');
    await waitFor(async () => {
      const { body } = await h.get<{ capacity: { desired: number } }[]>('/applications/side/serverGroups');
      return body[0]?.capacity.desired === 3;
    }, 1_000);
  });

  it('serves credentials in Spinnaker shape and reports readiness', async () => {
    const { body } = await h.get<Record<string, unknown>[]>('/credentials');
    expect(body).toEqual([
      expect.objectContaining({
        name: 'local',
        type: 'kubernetes',
        cloudProvider: 'kubernetes',
        permissions: { READ: [], WRITE: [] },
      }),
    ]);
    const one = await h.get<Record<string, unknown>>('/credentials/local');
    expect(one.body).toMatchObject({ name: 'local', namespaces: [], onlySpinnakerManaged: false });
    expect((await h.get('/credentials/nope')).status).toBe(404);
    const health = await h.get<{ checks: Record<string, { status: string }> }>('/health');
    expect(health.body.checks['kubernetes-cache']!.status).toBe('UP');
  });
});
