import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deployment,
  oneStage,
  stageError,
  startManifestStack,
  type ManifestStack,
} from './__fixtures__/manifest-stack.js';

type Deployment = { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };

let stack: ManifestStack;
beforeAll(async () => {
  stack = await startManifestStack();
}, 90_000);
afterAll(async () => stack?.stop());

const deploy = (manifests: unknown[], extra: Record<string, unknown> = {}) =>
  stack.run(oneStage('deployManifest', { moniker: { app: 'demo' }, source: 'text', manifests, ...extra }));

describe('deployManifest through orca and clouddriver on the kube sandbox', () => {
  it('deploys a 3-replica Deployment, waits until stable and promotes Spinnaker outputs', async () => {
    const e = await deploy([deployment('nginx')]);
    expect(e.status).toBe('SUCCEEDED');
    const stage = e.stages[0]!;
    expect(stage.tasks!.map((t) => t.name)).toEqual([
      'resolveDeploySourceManifest',
      'deployManifest',
      'monitorDeploy',
      'promoteOutputs',
      'waitForManifestToStabilize',
      'cleanupArtifacts',
      'monitorCleanup',
      'promoteOutputs',
      'bindProducedArtifacts',
    ]);
    expect(stage.outputs!['outputs.manifestNamesByNamespace']).toEqual({ default: ['deployment nginx'] });
    expect(stage.outputs!.manifestNamesByNamespace).toEqual({ default: ['deployment nginx'] });
    expect(stage.context['deploy.account.name']).toBe('local');
    const created = stage.outputs!['outputs.createdArtifacts'] as { type: string; name: string }[];
    expect(created).toEqual([expect.objectContaining({ type: 'kubernetes/deployment', name: 'nginx' })]);
    expect(stage.outputs!.artifacts).toEqual(created);
    expect((stage.outputs!['outputs.manifests'] as { kind: string }[])[0]!.kind).toBe('Deployment');
    expect(stage.context.stableManifests).toEqual([
      { manifestName: 'deployment nginx', location: 'default' },
    ]);
    const live = await stack.kube<{ status: { availableReplicas: number } }>(
      '/apis/apps/v1/namespaces/default/deployments/nginx',
    );
    expect(live!.status.availableReplicas).toBe(3);
  });

  it('deploys a manifest read from an embedded/base64 artifact bound by manifestArtifactId', async () => {
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: from-artifact, namespace: default}',
      'data: {greeting: hello}',
    ].join('\n');
    const artifact = {
      type: 'embedded/base64',
      name: 'cm.yaml',
      reference: Buffer.from(yaml).toString('base64'),
    };
    const e = await stack.run(
      oneStage('deployManifest', { moniker: { app: 'demo' }, source: 'artifact', manifestArtifactId: 'cm' }),
      {
        trigger: {
          artifacts: [artifact],
          expectedArtifacts: [{ id: 'cm', matchArtifact: { type: 'embedded/base64', name: 'cm.yaml' } }],
        },
      },
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.outputs!['outputs.manifestNamesByNamespace']).toEqual({
      default: ['configMap from-artifact-v000'],
    });
    const cm = await stack.kube<{ data: Record<string, string> }>(
      '/api/v1/namespaces/default/configmaps/from-artifact-v000',
    );
    expect(cm!.data.greeting).toBe('hello');
  });

  it('binds a required docker/image artifact from the trigger into the manifest (outputs.boundArtifacts)', async () => {
    const image = { type: 'docker/image', name: 'example/api', reference: 'example/api:2.0.1' };
    const e = await stack.run(
      oneStage('deployManifest', {
        moniker: { app: 'demo' },
        source: 'text',
        manifests: [deployment('api', 1, 'example/api')],
        requiredArtifactIds: ['img'],
      }),
      {
        trigger: {
          artifacts: [image],
          expectedArtifacts: [{ id: 'img', matchArtifact: { type: 'docker/image', name: 'example/api' } }],
        },
      },
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.outputs!['outputs.boundArtifacts']).toEqual([expect.objectContaining(image)]);
    const live = await stack.kube<Deployment>('/apis/apps/v1/namespaces/default/deployments/api');
    expect(live!.spec.template.spec.containers[0]!.image).toBe('example/api:2.0.1');
  });

  it('an unsupported manifest artifact type is TERMINAL and names the supported ones', async () => {
    const e = await stack.run(
      oneStage('deployManifest', {
        moniker: { app: 'demo' },
        source: 'artifact',
        manifestArtifact: { type: 'github/file', reference: 'https://example.com/x.yaml' },
      }),
    );
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toMatch(
      /"github\/file" cannot be read as a manifest here \(supported: embedded\/base64\)/,
    );
  });

  it('a deploy whose pods crash-loop fails with the reason, long before its timeout', async () => {
    const started = Date.now();
    const e = await deploy([deployment('crashy', 2, 'example/crashloop:1')], { stableTimeout: 120 });
    expect(e.status).toBe('TERMINAL');
    expect(Date.now() - started).toBeLessThan(20_000);
    const error = stageError(e);
    expect(error).toMatch(/Deployment crashy: 0\/2 replicas available/);
    expect(error).toMatch(/Pod crashy-[a-z0-9-]+: .*CrashLoopBackOff/);
    expect(e.stages[0]!.context.failedManifests).toEqual([
      { manifestName: 'deployment crashy', location: 'default' },
    ]);
  });

  it('a wait that does not become stable times out with what is not ready', async () => {
    const e = await deploy([deployment('slow', 1, 'example/never-ready:1')], { stableTimeout: 2 });
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toMatch(
      /Timed out waiting for manifests to become stable: Deployment slow: 0\/1 replicas available/,
    );
  });

  it('an invalid manifest fails with the Kubernetes API message', async () => {
    const bad = deployment('invalid');
    (bad.spec.template.spec as Record<string, unknown>).restartPolicy = 'Never';
    const e = await deploy([bad]);
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toContain(
      'Deployment.apps "invalid" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it('a kind of an API group the cluster does not serve fails naming it (not the core kind of that name)', async () => {
    const knative = {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'kn', namespace: 'default' },
    };
    const e = await deploy([knative]);
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toMatch(
      /Kind serving\.knative\.dev\/v1\/Service is not served by account local's cluster/,
    );
  });

  it('an unknown account is a 400 at clouddriver and a TERMINAL stage with its message at orca', async () => {
    const res = await fetch(`${stack.clouddriverUrl}/kubernetes/ops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ deployManifest: { account: 'nope', manifests: [deployment('x')] } }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/nope/);
    const e = await stack.run({
      stages: [
        {
          refId: '1',
          type: 'deployManifest',
          account: 'nope',
          cloudProvider: 'kubernetes',
          moniker: { app: 'demo' },
          source: 'text',
          manifests: [deployment('x')],
        },
      ],
    });
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toBe(body.message);
  });
});

describe('update stages on a deployed Deployment', () => {
  beforeAll(async () => {
    const e = await deploy([deployment('web', 2)]);
    expect(e.status).toBe('SUCCEEDED');
  }, 60_000);
  const web = () => stack.kube<Deployment>('/apis/apps/v1/namespaces/default/deployments/web');

  it('scaleManifest scales and waits for the new size', async () => {
    const e = await stack.run(
      oneStage('scaleManifest', { manifestName: 'deployment web', location: 'default', replicas: 4 }),
    );
    expect(e.status).toBe('SUCCEEDED');
    expect((await web())!.spec.replicas).toBe(4);
    expect(e.stages[0]!.context.stableManifests).toEqual([
      { manifestName: 'deployment web', location: 'default' },
    ]);
  });

  it('patchManifest patches the image (strategic merge) and waits for the rollout', async () => {
    const e = await stack.run(
      oneStage('patchManifest', {
        manifestName: 'deployment web',
        location: 'default',
        source: 'text',
        patchBody: { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.26' }] } } } },
        options: { mergeStrategy: 'strategic', record: true },
      }),
    );
    expect(e.status).toBe('SUCCEEDED');
    expect((await web())!.spec.template.spec.containers[0]!.image).toBe('nginx:1.26');
  });

  it('patchManifest takes its patch body from a manifest artifact (merge patch)', async () => {
    const patch = Buffer.from('metadata:\n  labels:\n    patched: from-artifact\n').toString('base64');
    const e = await stack.run(
      oneStage('patchManifest', {
        manifestName: 'deployment web',
        location: 'default',
        source: 'artifact',
        manifestArtifact: { type: 'embedded/base64', name: 'patch.yaml', reference: patch },
        options: { mergeStrategy: 'merge', record: true },
      }),
    );
    expect(e.status).toBe('SUCCEEDED');
    const live = (await web()) as unknown as { metadata: { labels: Record<string, string> } };
    expect(live.metadata.labels.patched).toBe('from-artifact');
  });

  it('undoRolloutManifest rolls the image back one revision', async () => {
    const e = await stack.run(
      oneStage('undoRolloutManifest', {
        manifestName: 'deployment web',
        location: 'default',
        numRevisionsBack: 1,
      }),
    );
    expect(e.status).toBe('SUCCEEDED');
    expect((await web())!.spec.template.spec.containers[0]!.image).toBe('nginx:1.25');
  });

  it('rollingRestartManifest stamps a restart on the pod template', async () => {
    const e = await stack.run(
      oneStage('rollingRestartManifest', { manifestName: 'deployment web', location: 'default' }),
    );
    expect(e.status).toBe('SUCCEEDED');
    const live = (await web()) as unknown as {
      spec: { template: { metadata: { annotations?: Record<string, string> } } };
    };
    expect(Object.keys(live.spec.template.metadata.annotations ?? {}).join(',')).toMatch(/restartedAt/);
  });

  it('findArtifactsFromResource outputs the live manifest and its image artifacts', async () => {
    const e = await stack.run(
      oneStage('findArtifactFromResource', { manifestName: 'deployment web', location: 'default' }),
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.outputs!.artifacts).toEqual([
      expect.objectContaining({ type: 'docker/image', reference: 'nginx:1.25' }),
    ]);
    expect((e.stages[0]!.outputs!.manifest as { kind: string }).kind).toBe('Deployment');
  });

  it("checkPreconditions clusterSize passes and fails against clouddriver's cluster view", async () => {
    const check = (comparison: string, expected: number) =>
      stack.run({
        stages: [
          {
            refId: '1',
            type: 'checkPreconditions',
            name: 'check',
            preconditions: [
              {
                type: 'clusterSize',
                failPipeline: true,
                context: {
                  cluster: 'deployment web',
                  credentials: 'local',
                  regions: ['default'],
                  comparison,
                  expected,
                },
              },
            ],
          },
        ],
      });
    // a Deployment's cluster holds its ReplicaSets: web's two revisions (original + patched)
    const view = await stack.cd<{ serverGroups: unknown[] }>(
      '/applications/demo/clusters/local/deployment%20web/kubernetes',
    );
    const size = view.body.serverGroups.length;
    expect(size).toBeGreaterThan(0);
    expect((await check('==', size)).status).toBe('SUCCEEDED');
    expect((await check('>=', size)).status).toBe('SUCCEEDED');
    const failed = await check('<', size);
    expect(failed.status).toBe('TERMINAL');
    expect(stageError(failed)).toMatch(new RegExp(`default: ${size} server groups \\(expected < ${size}\\)`));
  });

  it('deleteManifest deletes it', async () => {
    const e = await stack.run(
      oneStage('deleteManifest', {
        manifestName: 'deployment web',
        location: 'default',
        options: { cascading: true },
      }),
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(await web()).toBeUndefined();
  });
});

describe('runJobManifest', () => {
  const job = (name: string, image: string) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } },
    },
  });

  it('succeeds with the job status and logs in outputs', async () => {
    const e = await stack.run(
      oneStage('runJob', { application: 'demo', source: 'text', manifest: job('migrate', 'busybox:1') }),
    );
    expect(e.status).toBe('SUCCEEDED');
    const out = e.stages[0]!.outputs!;
    expect((out.jobStatus as { jobState: string }).jobState).toBe('Succeeded');
    const jobs = out['deploy.jobs'] as Record<string, string[]>;
    expect(jobs.default![0]).toMatch(/^job migrate-[a-z0-9]{5}$/);
    expect(JSON.stringify(out.logs)).toMatch(/image busybox:1/);
  });

  it("fails TERMINAL with the job's reason when its pod fails", async () => {
    const e = await stack.run(
      oneStage('runJobManifest', {
        application: 'demo',
        source: 'text',
        manifest: job('broken', 'busybox:job-fail'),
      }),
    );
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toMatch(/^Job broken-[a-z0-9]{5} failed: BackoffLimitExceeded/);
    expect((e.stages[0]!.outputs!.jobStatus as { jobState: string }).jobState).toBe('Failed');
  });
});
