import type { KatoTask, ManifestView, PipelineExecution, StageExecution } from '@genoa/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Clouddriver, TaskServices } from '../../ports.js';
import { clusterSizePreconditionTask } from '../precondition-tasks.js';
import type { TaskInput } from '../define-task.js';
import { manifestsFromArtifact, resolveExpectedArtifact } from './artifacts.js';
import { deployManifestTask } from './deploy-manifest-tasks.js';
import { monitorKatoTask } from './monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from './promote-outputs-task.js';
import { waitForManifestStableTask } from './wait-for-manifest-stable-task.js';

/** A scripted clouddriver: tasks and manifest views by key; records submitted operations. */
class FakeClouddriver implements Partial<Clouddriver> {
  submitted: unknown[] = [];
  identities: unknown[] = [];
  tasks = new Map<string, KatoTask>();
  views = new Map<string, ManifestView>();
  clusters = new Map<string, { name: string; region: string; disabled?: boolean }[]>();
  async submit(ops: unknown, _provider?: string, identity?: unknown) {
    this.submitted.push(ops);
    this.identities.push(identity);
    return { id: `t${this.submitted.length}`, resourceUri: `/task/t${this.submitted.length}` };
  }
  async getTask(id: string) {
    return this.tasks.get(id);
  }
  async getManifest(_account: string, location: string, name: string) {
    return this.views.get(`${location}/${name}`);
  }
  async getCluster(app: string, account: string, cluster: string) {
    const groups = this.clusters.get(`${app}/${account}/${cluster}`);
    return groups ? { name: cluster, serverGroups: groups } : undefined;
  }
}

const services = (cd: FakeClouddriver) =>
  ({ clouddriver: cd, logger: pino({ level: 'silent' }) }) as unknown as TaskServices;

const input = (context: Record<string, unknown>, trigger: Record<string, unknown> = {}): TaskInput => {
  const stage = {
    id: 's1',
    refId: '1',
    type: 'deployManifest',
    name: 'Deploy',
    context,
    outputs: {},
    tasks: [],
  };
  const execution = {
    id: 'e1',
    application: 'demo',
    trigger,
    stages: [stage],
    authentication: { user: 'ada', allowedAccounts: ['local'] },
  };
  return {
    execution: execution as unknown as PipelineExecution,
    stage: stage as unknown as StageExecution,
    task: {} as never,
    now: 1000,
  };
};

const kato = (
  status: Partial<KatoTask['status']>,
  resultObjects: Record<string, unknown>[] = [],
): KatoTask => ({
  id: 't1',
  status: {
    phase: 'ORCHESTRATION',
    status: 's',
    complete: false,
    completed: false,
    failed: false,
    ...status,
  },
  history: [{ phase: 'DEPLOY', status: 'Deploying' }],
  resultObjects,
});

const view = (stable: boolean, failed: string | null, replicas = 3, available = 0): ManifestView => ({
  account: 'local',
  name: 'deployment web',
  location: 'default',
  manifest: {
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas },
    status: { availableReplicas: available },
  },
  status: {
    stable: { state: stable, message: stable ? null : 'Waiting for all replicas to be available' },
    failed: { state: failed !== null, message: failed },
  },
  artifacts: [],
  events: [],
  warnings: [],
});

describe('deployManifest task', () => {
  it('posts the stage context as the description, with the moniker app and the strategy enum', async () => {
    const cd = new FakeClouddriver();
    const result = await deployManifestTask.run(
      input({
        account: 'local',
        manifests: [{ kind: 'ReplicaSet' }],
        trafficManagement: {
          enabled: true,
          options: { strategy: 'redblack', services: ['service web'], enableTraffic: true },
        },
      }),
      services(cd),
    );
    expect(result.context).toEqual({
      'kato.result.expected': true,
      'kato.last.task.id': { id: 't1' },
      'deploy.account.name': 'local',
    });
    expect(cd.identities).toEqual([{ user: 'ada', accounts: ['local'] }]);
    const op = (cd.submitted[0] as { deployManifest: Record<string, unknown> }[])[0]!.deployManifest;
    expect(op).toMatchObject({
      account: 'local',
      cloudProvider: 'kubernetes',
      source: 'text',
      moniker: { app: 'demo' },
      strategy: 'RED_BLACK',
      services: ['service web'],
      enableTraffic: true,
    });
  });

  it('refuses a stage without an account', async () => {
    await expect(
      deployManifestTask.run(input({ manifests: [] }), services(new FakeClouddriver())),
    ).rejects.toThrow(/has no account/);
  });
});

describe('monitorKato task', () => {
  const ctx = { 'kato.last.task.id': { id: 't1' }, 'kato.result.expected': true };
  it('runs until the clouddriver task completes, then succeeds recording kato.tasks', async () => {
    const cd = new FakeClouddriver();
    expect((await monitorKatoTask.run(input(ctx), services(cd))).status).toBe('RUNNING'); // 404 yet
    cd.tasks.set('t1', kato({}));
    expect((await monitorKatoTask.run(input(ctx), services(cd))).status).toBe('RUNNING');
    cd.tasks.set('t1', kato({ complete: true, completed: true }));
    expect((await monitorKatoTask.run(input(ctx), services(cd))).status).toBe('RUNNING'); // result expected
    cd.tasks.set('t1', kato({ complete: true, completed: true }, [{ manifests: [] }]));
    const done = await monitorKatoTask.run(input(ctx), services(cd));
    expect(done.status).toBe('SUCCEEDED');
    expect((done.context!['kato.tasks'] as unknown[]).length).toBe(1);
  });

  it('a task clouddriver never heard of fails after 30 polls', async () => {
    const r = await monitorKatoTask.run(
      input({ ...ctx, 'kato.task.notFoundRetryCount': 30 }),
      services(new FakeClouddriver()),
    );
    expect(r.status).toBe('TERMINAL');
    expect(JSON.stringify(r.context)).toMatch(/clouddriver task t1 was not found after 30 attempts/);
  });

  it('a failed clouddriver task is TERMINAL with its EXCEPTION message', async () => {
    const cd = new FakeClouddriver();
    cd.tasks.set(
      't1',
      kato({ complete: true, completed: true, failed: true }, [
        { type: 'EXCEPTION', message: 'boom: quota' },
      ]),
    );
    const r = await monitorKatoTask.run(input(ctx), services(cd));
    expect(r.status).toBe('TERMINAL');
    expect((r.context!.exception as { details: { error: string } }).details.error).toBe('boom: quota');
  });
});

describe('promoteOutputs task', () => {
  it('promotes the deploy result as outputs.* keys, manifestNamesByNamespace and artifacts', async () => {
    const created = [{ type: 'kubernetes/deployment', name: 'web' }];
    const r = await promoteManifestKatoOutputsTask.run(
      input({
        'kato.tasks': [
          {
            resultObjects: [
              {
                manifestNamesByNamespace: { default: ['deployment web'] },
                manifests: [{}],
                createdArtifacts: created,
                boundArtifacts: [],
              },
            ],
          },
        ],
      }),
      services(new FakeClouddriver()),
    );
    expect(r.outputs).toEqual({
      'outputs.manifests': [{}],
      'outputs.manifestNamesByNamespace': { default: ['deployment web'] },
      'outputs.createdArtifacts': created,
      'outputs.boundArtifacts': [],
      manifestNamesByNamespace: { default: ['deployment web'] },
      artifacts: created,
    });
  });
});

describe('waitForManifestToStabilize task', () => {
  const ctx = { account: 'local', 'outputs.manifestNamesByNamespace': { default: ['deployment web'] } };
  it('RUNNING with what is not ready, SUCCEEDED once stable, TERMINAL with the reason once failed', async () => {
    const cd = new FakeClouddriver();
    cd.views.set('default/deployment web', view(false, null, 3, 1));
    const waiting = await waitForManifestStableTask.run(input(ctx), services(cd));
    expect(waiting.status).toBe('RUNNING');
    expect(waiting.context!.messages).toEqual([
      'Deployment web: 1/3 replicas available, Waiting for all replicas to be available',
    ]);
    cd.views.set('default/deployment web', view(true, null, 3, 3));
    expect((await waitForManifestStableTask.run(input(ctx), services(cd))).status).toBe('SUCCEEDED');
    cd.views.set('default/deployment web', view(false, 'Pod web-abc: CrashLoopBackOff'));
    const failed = await waitForManifestStableTask.run(input(ctx), services(cd));
    expect(failed.status).toBe('TERMINAL');
    expect((failed.context!.exception as { details: { error: string } }).details.error).toBe(
      'Manifests failed to become stable: Deployment web: 0/3 replicas available, Pod web-abc: CrashLoopBackOff',
    );
  });

  it('its timeout is the stage stableTimeout (seconds) and the timeout message quotes what was not ready', () => {
    const i = input({ ...ctx, stableTimeout: 90, messages: ['Deployment web: 0/3 replicas available'] });
    expect((waitForManifestStableTask.timeoutMs as (x: TaskInput) => number)(i)).toBe(90_000);
    const r = waitForManifestStableTask.onTimeout!(i)!;
    expect((r.context!.exception as { details: { error: string } }).details.error).toBe(
      'Timed out waiting for manifests to become stable: Deployment web: 0/3 replicas available',
    );
  });
});

describe('clusterSize precondition', () => {
  const cd = new FakeClouddriver();
  cd.clusters.set('demo/local/replicaSet web', [
    { name: 'replicaSet web-v000', region: 'default', disabled: true },
    { name: 'replicaSet web-v001', region: 'default' },
    { name: 'replicaSet web-v000', region: 'other' },
  ]);
  const check = async (extra: Record<string, unknown>) =>
    (
      await clusterSizePreconditionTask.run(
        input({ cluster: 'replicaSet web', credentials: 'local', regions: ['default'], ...extra }),
        services(cd),
      )
    ).status;
  it.each([
    [{ comparison: '==', expected: 2 }, 'SUCCEEDED'],
    [{ comparison: '==', expected: 1 }, 'TERMINAL'],
    [{ comparison: '<', expected: 3 }, 'SUCCEEDED'],
    [{ comparison: '>', expected: 2 }, 'TERMINAL'],
    [{ comparison: '<=', expected: 2 }, 'SUCCEEDED'],
    [{ comparison: '>=', expected: 3 }, 'TERMINAL'],
    [{ comparison: '==', expected: 1, onlyEnabledServerGroups: true }, 'SUCCEEDED'],
    [{ comparison: '==', expected: 1, regions: ['other'] }, 'SUCCEEDED'],
    [{ comparison: '==', expected: 0, cluster: 'replicaSet absent' }, 'SUCCEEDED'],
    [{ comparison: '!=', expected: 1 }, 'TERMINAL'],
  ])('%j → %s', async (extra, status) => {
    expect(await check(extra)).toBe(status);
  });
});

describe('manifest artifacts', () => {
  it('binds an expected artifact to the trigger artifact its matchArtifact matches, else its default', () => {
    const a = { type: 'embedded/base64', name: 'app.yaml', reference: 'eA==' };
    const trigger = {
      artifacts: [a],
      expectedArtifacts: [
        { id: 'm', matchArtifact: { type: 'embedded/base64', name: 'app\\.ya?ml' } },
        {
          id: 'd',
          matchArtifact: { name: 'nothing' },
          useDefaultArtifact: true,
          defaultArtifact: { name: 'def' },
        },
        { id: 'x', matchArtifact: { name: 'nothing' } },
      ],
    };
    const i = input({}, trigger);
    expect(resolveExpectedArtifact(i.execution, i.stage, 'm')).toBe(a);
    expect(resolveExpectedArtifact(i.execution, i.stage, 'd')).toEqual({ name: 'def' });
    expect(() => resolveExpectedArtifact(i.execution, i.stage, 'x')).toThrow(/matched no artifact/);
    expect(() => resolveExpectedArtifact(i.execution, i.stage, 'zz')).toThrow(
      /No expected artifact with id "zz"/,
    );
  });

  it('reads multi-document YAML from an embedded/base64 artifact and refuses other types', () => {
    const yaml = 'kind: A\n---\nkind: B\n';
    expect(
      manifestsFromArtifact({ type: 'embedded/base64', reference: Buffer.from(yaml).toString('base64') }),
    ).toEqual([{ kind: 'A' }, { kind: 'B' }]);
    expect(() => manifestsFromArtifact({ type: 'gcs/object', reference: 'gs://b/o' })).toThrow(
      /supported: embedded\/base64/,
    );
  });
});
