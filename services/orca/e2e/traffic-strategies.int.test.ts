import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../src/__tests__/orca-under-test.js';
import { oneStage, startManifestStack, type ManifestStack } from './__fixtures__/manifest-stack.js';

let stack: ManifestStack;
beforeAll(async () => {
  stack = await startManifestStack();
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'frontend', namespace: 'default' },
    spec: { selector: { 'frontend-lb': 'true' }, ports: [{ port: 80 }] },
  };
  const e = await stack.run(
    oneStage('deployManifest', { moniker: { app: 'demo' }, source: 'text', manifests: [svc] }),
  );
  expect(e.status).toBe('SUCCEEDED');
}, 90_000);
afterAll(async () => stack?.stop());

const replicaSet = (name: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

const deploy = (name: string, image: string, strategy: string) =>
  stack.run(
    oneStage('deployManifest', {
      moniker: { app: 'demo' },
      source: 'text',
      manifests: [replicaSet(name, image)],
      trafficManagement: {
        enabled: true,
        options: { enableTraffic: true, services: ['service frontend'], strategy },
      },
    }),
  );

/** Whether clouddriver reports the server group disabled (no Service selects it). */
const disabled = async (name: string) =>
  (
    await stack.cd<{ disabled: boolean }>(
      `/serverGroups/local/default/${encodeURIComponent(`replicaSet ${name}`)}`,
    )
  ).body.disabled;

/** Whether every pod of a ReplicaSet carries the Service's selector label (takes traffic). */
const podsInService = async (name: string) => {
  const pods = await stack.kube<{ items: { metadata: { name: string; labels: Record<string, string> } }[] }>(
    '/api/v1/namespaces/default/pods',
  );
  const mine = pods!.items.filter((p) => p.metadata.name.startsWith(`${name}-`));
  return mine.length > 0 && mine.every((p) => p.metadata.labels['frontend-lb'] === 'true');
};

describe('traffic management strategies', () => {
  it('red/black: the new version takes traffic and the old is disabled; rollback re-enables the old one', async () => {
    const first = await deploy('rb', 'nginx:1', 'redblack');
    expect(first.status).toBe('SUCCEEDED');
    expect(first.stages[0]!.outputs!['outputs.manifestNamesByNamespace']).toEqual({
      default: ['replicaSet rb-v000'],
    });
    expect(await podsInService('rb-v000')).toBe(true);

    const second = await deploy('rb', 'nginx:2', 'redblack');
    expect(second.status).toBe('SUCCEEDED');
    const after = second.stages.filter((s) => s.parentStageId === second.stages[0]!.id);
    expect(after.map((s) => [s.type, s.context.manifestName, s.status])).toEqual([
      ['disableManifest', 'replicaSet rb-v000', 'SUCCEEDED'],
    ]);
    expect(await disabled('rb-v000')).toBe(true);
    expect(await disabled('rb-v001')).toBe(false);
    expect(await podsInService('rb-v000')).toBe(false);
    expect(await podsInService('rb-v001')).toBe(true);

    // Rollback as Spinnaker users do it: enable the previous server group, then disable the new one.
    const target = (manifestName: string) => ({
      account: 'local',
      cloudProvider: 'kubernetes',
      manifestName,
      location: 'default',
    });
    const rollback = await stack.run({
      stages: [
        { refId: '1', type: 'enableManifest', name: 'enable previous', ...target('replicaSet rb-v000') },
        {
          refId: '2',
          requisiteStageRefIds: ['1'],
          type: 'disableManifest',
          name: 'disable new',
          ...target('replicaSet rb-v001'),
        },
      ],
    });
    expect(rollback.status).toBe('SUCCEEDED');
    expect(await disabled('rb-v000')).toBe(false);
    expect(await disabled('rb-v001')).toBe(true);
    expect(await podsInService('rb-v000')).toBe(true);
    expect(await podsInService('rb-v001')).toBe(false);
  });

  it('highlander: older versions are disabled and deleted once the new one is stable', async () => {
    expect((await deploy('hl', 'nginx:1', 'highlander')).status).toBe('SUCCEEDED');
    const second = await deploy('hl', 'nginx:2', 'highlander');
    expect(second.status).toBe('SUCCEEDED');
    const after = second.stages.filter((s) => s.parentStageId === second.stages[0]!.id);
    expect(after.map((s) => [s.type, s.context.manifestName, s.status])).toEqual([
      ['disableManifest', 'replicaSet hl-v000', 'SUCCEEDED'],
      ['deleteManifest', 'replicaSet hl-v000', 'SUCCEEDED'],
    ]);
    await eventually(
      async () =>
        (await stack.kube('/apis/apps/v1/namespaces/default/replicasets/hl-v000')) ? undefined : true,
      10_000,
      'hl-v000 to be gone',
    );
    expect(await stack.kube('/apis/apps/v1/namespaces/default/replicasets/hl-v001')).toMatchObject({
      metadata: { name: 'hl-v001' },
    });
    expect(await podsInService('hl-v001')).toBe(true);
  });
});
