import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startHarness, waitFor, type Harness } from '../__fixtures__/harness.js';
import type { KubeObject } from '../domain/kube-object.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const client = () => h.clouddriver.accounts.get('local')!.client;
const target = (manifestName: string, extra: Record<string, unknown> = {}) => ({
  account: 'local',
  manifestName,
  location: 'default',
  ...extra,
});
const deployment = (name: string, image: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});
const deploy = (manifests: unknown[], extra: Record<string, unknown> = {}) =>
  h.ok([{ deployManifest: { account: 'local', moniker: { app: 'ops' }, manifests, ...extra } }]);
const manifest = async (name: string) =>
  (
    await h.get<{
      status: Record<
        'stable' | 'paused' | 'available' | 'failed',
        { state: boolean; message: string | null }
      >;
      manifest: KubeObject;
      warnings: string[];
    }>(`/manifests/local/default/${encodeURIComponent(name)}`)
  ).body;
const stable = (name: string) =>
  waitFor(async () => ((await manifest(name)).status.stable.state ? true : undefined), 15_000);

describe('manifest operations', () => {
  it('scales a Deployment and the manifest becomes stable at the new size', async () => {
    await deploy([deployment('scale-me', 'org/a:1')]);
    await stable('deployment scale-me');
    const task = await h.ok([{ scaleManifest: target('deployment scale-me', { replicas: 3 }) }]);
    expect(task.resultObjects[0]).toEqual({ manifestNamesByNamespace: { default: ['deployment scale-me'] } });
    expect((await client().get('Deployment', 'default', 'scale-me'))!.spec.replicas).toBe(3);
    await stable('deployment scale-me');
    expect((await manifest('deployment scale-me')).manifest.status.readyReplicas).toBe(3);
  });

  it('patches a Deployment (strategic), a ConfigMap (merge) and a Service (json)', async () => {
    await deploy([
      deployment('patch-me', 'org/p:1'),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'patch-cm', annotations: { 'strategy.spinnaker.io/versioned': 'false' } },
        data: { a: '1' },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'patch-svc' },
        spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
      },
    ]);
    await h.ok([
      {
        patchManifest: target('deployment patch-me', {
          patchBody: { spec: { template: { spec: { containers: [{ name: 'main', image: 'org/p:2' }] } } } },
          options: { mergeStrategy: 'strategic' },
        }),
      },
    ]);
    await h.ok([
      {
        patchManifest: target('configMap patch-cm', {
          patchBody: { data: { b: '2' } },
          options: { mergeStrategy: 'merge' },
        }),
      },
    ]);
    await h.ok([
      {
        patchManifest: target('service patch-svc', {
          patchBody: [{ op: 'replace', path: '/spec/selector/app', value: 'y' }],
          options: { mergeStrategy: 'json' },
        }),
      },
    ]);
    expect(
      (await client().get('Deployment', 'default', 'patch-me'))!.spec.template.spec.containers[0].image,
    ).toBe('org/p:2');
    expect((await client().get('ConfigMap', 'default', 'patch-cm'))!.data).toEqual({ a: '1', b: '2' });
    expect((await client().get('Service', 'default', 'patch-svc'))!.spec.selector).toEqual({ app: 'y' });
    const bad = await h.clouddriver.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [
        {
          patchManifest: target('service patch-svc', {
            patchBody: { a: 1 },
            options: { mergeStrategy: 'json' },
          }),
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('[0].patchManifest.patchBody');
  });

  it('deletes by name and by label selector', async () => {
    const cm = (name: string, tier: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, labels: { tier } },
      data: {},
    });
    await deploy([cm('del-a', 'one'), cm('del-b', 'one'), cm('del-c', 'two')], { versioned: false });
    const byName = await h.ok([
      { deleteManifest: target('configMap del-c', { options: { cascading: true } }) },
    ]);
    expect(byName.resultObjects[0]).toEqual({ manifestNamesByNamespace: { default: ['configMap del-c'] } });
    const byLabel = await h.ok([
      {
        deleteManifest: {
          account: 'local',
          location: 'default',
          kinds: ['configMap'],
          labelSelectors: { selectors: [{ kind: 'EQUALS', key: 'tier', values: ['one'] }] },
        },
      },
    ]);
    expect(
      (
        byLabel.resultObjects[0] as { manifestNamesByNamespace: Record<string, string[]> }
      ).manifestNamesByNamespace.default!.sort(),
    ).toEqual(['configMap del-a', 'configMap del-b']);
    const left = (await client().list('ConfigMap', 'default')).map((o) => o.metadata!.name);
    expect(left.filter((n) => n!.startsWith('del-'))).toEqual([]);
  });

  it('undoes a rollout to the previous revision and rolls restart, pause and resume', async () => {
    await deploy([deployment('undo-me', 'org/u:1')]);
    await stable('deployment undo-me');
    await deploy([deployment('undo-me', 'org/u:2')]);
    await stable('deployment undo-me');
    await h.ok([{ undoRolloutManifest: target('deployment undo-me', { numRevisionsBack: 1 }) }]);
    await waitFor(
      async () =>
        (await client().get('Deployment', 'default', 'undo-me'))!.spec.template.spec.containers[0].image ===
        'org/u:1',
    );
    await stable('deployment undo-me');

    await h.ok([{ rollingRestartManifest: target('deployment undo-me') }]);
    const restarted = await client().get('Deployment', 'default', 'undo-me');
    expect(restarted!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(
      /^\d{4}-/,
    );

    await h.ok([{ pauseRolloutManifest: target('deployment undo-me') }]);
    await waitFor(async () =>
      (await manifest('deployment undo-me')).status.paused.state ? true : undefined,
    );
    await h.ok([{ resumeRolloutManifest: target('deployment undo-me') }]);
    await stable('deployment undo-me');
    const tooFar = await h.run([{ undoRolloutManifest: target('deployment undo-me', { revision: 99 }) }]);
    expect(failureOf(tooFar)).toContain('Revision 99 not found');
  });

  it('reports a deploy whose pods crash-loop as failed, with the reason', async () => {
    await deploy([deployment('crashy', 'org/app-crashloop:1')]);
    const failed = await waitFor(async () => {
      const m = await manifest('deployment crashy');
      return m.status.failed.state ? m : undefined;
    }, 15_000);
    expect(failed.status.failed.message).toMatch(
      /^Pod crashy-[a-z0-9]+-[a-z0-9]+: container main: CrashLoopBackOff/,
    );
    expect(failed.status.stable.state).toBe(false);
  });

  it('runs a Job to success and to failure, with status and logs', async () => {
    const job = (name: string, image: string) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: {
        backoffLimit: 0,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'run', image }] } },
      },
    });
    const ok = await h.ok([
      {
        runJob: {
          account: 'local',
          application: 'ops',
          manifest: job('migrate', 'org/migrate:1'),
          namespace: 'default',
        },
      },
    ]);
    const [name] = (ok.resultObjects[0] as { manifestNamesByNamespace: Record<string, string[]> })
      .manifestNamesByNamespace.default!;
    expect(name).toMatch(/^job migrate-[a-z0-9]{5}$/);
    const jobName = name!.slice(4);
    const done = await waitFor(async () => {
      const { body } = await h.get<{ jobState: string; pods: { name: string }[] }>(
        `/applications/ops/jobs/local/default/${jobName}`,
      );
      return body.jobState === 'Succeeded' ? body : undefined;
    });
    const logs = await h.get<{ output: { name: string; output: string }[] }>(
      `/instances/local/default/${done.pods[0]!.name}/console`,
    );
    expect(logs.body.output[0]!.name).toBe('run');
    expect(logs.body.output[0]!.output).toContain('org/migrate:1');

    const bad = await h.ok([
      {
        runJob: {
          account: 'local',
          application: 'ops',
          manifest: job('explode', 'org/explode:fail'),
          namespace: 'default',
        },
      },
    ]);
    const badName = (
      bad.resultObjects[0] as { manifestNamesByNamespace: Record<string, string[]> }
    ).manifestNamesByNamespace.default![0]!.slice(4);
    const failedJob = await waitFor(async () => {
      const { body } = await h.get<{ jobState: string; message?: string }>(
        `/applications/ops/jobs/local/default/${badName}`,
      );
      return body.jobState === 'Failed' ? body : undefined;
    });
    expect(failedJob.message).toMatch(/backoff limit/i);
    const status = await manifest(`job ${badName}`);
    expect(status.status.failed.state).toBe(true);
  });
});
