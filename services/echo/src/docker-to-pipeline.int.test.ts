import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '@genoa/shared/node';
import {
  freePort,
  infrastructureEnv,
  pushImage,
  startDockerRegistry,
  startGenoaProcesses,
  startKubeSandbox,
  startRedis,
  startS3,
  uniqueName,
  type DockerRegistryHandle,
  type GenoaProcesses,
  type KubeSandbox,
  type RedisHandle,
  type S3Handle,
} from '@genoa/testing';
import type { Redis } from 'ioredis';

// Black-box: a real registry, and gate, echo, igor, clouddriver, orca and front50 as their processes.
const SECRET = 'registry-notification-secret';
let redis: RedisHandle;
let s3: S3Handle;
let kube: KubeSandbox;
let client: Redis;
let pushRegistry: DockerRegistryHandle; // notifies gate; not a clouddriver account, so never polled
let bothRegistry: DockerRegistryHandle; // notifies gate and is polled
let pollRegistry: DockerRegistryHandle; // polled only
let stack: GenoaProcesses;

interface Execution {
  id: string;
  status: string;
  trigger: Record<string, unknown> & { artifacts: Record<string, unknown>[] };
}

const pipeline = (id: string, trigger: Record<string, unknown>) => ({
  id,
  application: 'shop',
  name: id,
  stages: [{ type: 'wait', refId: '1', name: 'Wait', waitTime: 1 }],
  triggers: [{ type: 'docker', enabled: true, repository: 'shop/api', ...trigger }],
});
const pipelines = [
  pipeline('on-push', { account: 'reg-push' }), // empty tag: any tag but latest
  pipeline('on-both', { account: 'reg-both', tag: '1\\..*' }),
  pipeline('on-poll', { account: 'reg-poll', tag: 'v\\d+' }),
  pipeline('disabled', { account: 'reg-push', enabled: false }),
];

/**
 * Deploy pipelines on another repository (`shop/web`), so the trigger-count assertions above are
 * untouched: a Deployment whose image names the repository without the pushed tag. The push one
 * declares the image as an expected artifact the stage requires (bound by echo into the
 * trigger's `resolvedExpectedArtifacts`); the poll one names another tag and relies on the
 * trigger's artifacts being bound as optional artifacts (Spinnaker's default binding).
 */
const deployPipeline = (id: string, account: string, image: string, required: boolean) => ({
  id,
  application: 'shop',
  name: id,
  ...(required
    ? {
        expectedArtifacts: [
          {
            id: 'web-image',
            displayName: 'web image',
            matchArtifact: { type: 'docker/image', name: image },
            useDefaultArtifact: false,
            usePriorArtifact: false,
          },
        ],
      }
    : {}),
  triggers: [
    {
      type: 'docker',
      enabled: true,
      account,
      repository: 'shop/web',
      tag: '\\d+\\.\\d+\\.\\d+',
      ...(required ? { expectedArtifactIds: ['web-image'] } : {}),
    },
  ],
  stages: [
    {
      refId: '1',
      type: 'deployManifest',
      name: 'Deploy web',
      account: 'local',
      cloudProvider: 'kubernetes',
      source: 'text',
      moniker: { app: 'shop' },
      ...(required ? { requiredArtifactIds: ['web-image'] } : {}),
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: id, namespace: 'default' },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: id } },
            template: {
              metadata: { labels: { app: id } },
              spec: { containers: [{ name: 'web', image: required ? image : `${image}:stale` }] },
            },
          },
        },
      ],
    },
  ],
});

const executions = async (configId: string): Promise<Execution[]> => {
  const res = await fetch(`${stack.url('orca')}/pipelines?pipelineConfigIds=${configId}&limit=20`);
  return (await res.json()) as Execution[];
};
const counts = async () =>
  Object.fromEntries(await Promise.all(pipelines.map(async (p) => [p.id, (await executions(p.id)).length])));
const until = async <T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};
/** Three igor poll cycles: long enough for a poll, a push and echo to have acted on anything. */
const settle = () => new Promise((r) => setTimeout(r, 3_000));
const baselined = (account: string) =>
  until(
    () => client.hexists(`{igor}:docker:${account}`, '__baseline__'),
    (v) => v === 1,
  );

beforeAll(async () => {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'docker-e2e-')), 'kubeconfig');
  [redis, s3, kube] = await Promise.all([
    startRedis({ ignoreEnv: true }),
    startS3({ ignoreEnv: true }),
    startKubeSandbox({ port: 0, kubeconfigPath }),
  ]);
  client = createRedis(redis.url, { name: 'docker-e2e' });
  const gatePort = await freePort();
  const notifying = (source: string) =>
    startDockerRegistry({
      notificationsUrl: `http://127.0.0.1:${gatePort}/webhooks/docker/${source}`,
      notificationSecret: SECRET,
    });
  [pushRegistry, bothRegistry, pollRegistry] = await Promise.all([
    notifying('reg-push'),
    notifying('reg-both'),
    startDockerRegistry(),
  ]);
  // Tags that exist before igor first looks: the baseline, never announced.
  await pushImage(pollRegistry.url, 'shop/api', 'v1');
  await pushImage(pollRegistry.url, 'shop/web', '0.9.0');
  stack = await startGenoaProcesses({
    services: ['front50', 'clouddriver', 'igor', 'orca', 'echo', 'gate'],
    ports: { gate: gatePort },
    env: {
      ...infrastructureEnv(redis, s3),
      GENOA_INTERNAL_SECRET: 'docker-e2e-internal-secret',
      FRONT50_BUCKET: uniqueName('front50'),
      KUBECONFIG: kubeconfigPath,
    },
    perService: {
      clouddriver: {
        CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: JSON.stringify([
          { name: 'reg-both', address: bothRegistry.url, repositories: ['shop/api'] },
          { name: 'reg-poll', address: pollRegistry.url },
        ]),
      },
      igor: { IGOR_DOCKER_REGISTRY_ENABLED: 'true', IGOR_POLL_INTERVAL_SECONDS: '1' },
      echo: { ECHO_CRON_ENABLED: 'false', ECHO_PIPELINE_CACHE_REFRESH_MS: '500' },
      gate: {
        GATE_WEBHOOK_SOURCES: JSON.stringify({
          'reg-push': { secret: SECRET },
          'reg-both': { secret: SECRET },
        }),
      },
    },
  });
  const deployPipelines = [
    deployPipeline('deploy-on-push', 'reg-push', `${pushRegistry.host}/shop/web`, true),
    deployPipeline('deploy-on-poll', 'reg-poll', `${pollRegistry.host}/shop/web`, false),
  ];
  for (const p of [...pipelines, ...deployPipelines]) {
    const res = await fetch(`${stack.url('front50')}/pipelines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
    if (!res.ok) throw new Error(`front50 answered ${res.status}: ${await res.text()}`);
  }
  await fetch(`${stack.url('echo')}/pipelineCache/refresh`, { method: 'POST' });
  await Promise.all([baselined('reg-both'), baselined('reg-poll')]);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  client?.disconnect();
  await Promise.all([
    pushRegistry?.stop(),
    bothRegistry?.stop(),
    pollRegistry?.stop(),
    kube?.stop(),
    redis?.stop(),
    s3?.stop(),
  ]);
});

describe('image push → docker trigger → pipeline (real registry and processes)', () => {
  it('a push notified to gate starts the matching pipeline once, with the docker/image artifact', async () => {
    const digest = await pushImage(pushRegistry.url, 'shop/api', '1.0.0', { layers: ['release 1.0.0'] });
    const [execution] = await until(
      () => executions('on-push'),
      (e) => e.length >= 1,
    );
    const name = `${pushRegistry.host}/shop/api`;
    expect(execution!.trigger).toMatchObject({
      type: 'docker',
      account: 'reg-push',
      repository: 'shop/api',
      registry: pushRegistry.host,
      tag: '1.0.0',
      digest,
    });
    expect(execution!.trigger.artifacts).toEqual([
      { type: 'docker/image', name, version: '1.0.0', reference: `${name}:1.0.0`, metadata: { digest } },
    ]);
    await settle();
    expect(await counts()).toEqual({ 'on-push': 1, 'on-both': 0, 'on-poll': 0, disabled: 0 });
  });

  it('a push both notified and polled starts the pipeline once', async () => {
    const digest = await pushImage(bothRegistry.url, 'shop/api', '1.2.0');
    const [execution] = await until(
      () => executions('on-both'),
      (e) => e.length >= 1,
    );
    expect(execution!.trigger).toMatchObject({ account: 'reg-both', tag: '1.2.0', digest });
    // igor has seen (and sent) the same push too: its cursor holds the digest.
    await until(
      () => client.hget('{igor}:docker:reg-both', 'shop/api:1.2.0'),
      (v) => v === digest,
    );
    await settle();
    expect(await counts()).toEqual({ 'on-push': 1, 'on-both': 1, 'on-poll': 0, disabled: 0 });
  });

  it('a replayed notification and a re-push of the same image start nothing; a new digest starts again', async () => {
    const envelope = {
      events: [
        {
          action: 'push',
          target: {
            mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
            repository: 'shop/api',
            tag: '1.0.0',
            digest: (await executions('on-push'))[0]!.trigger.digest,
          },
          request: { host: pushRegistry.host },
        },
      ],
    };
    const replay = await fetch(`${stack.url('gate')}/webhooks/docker/reg-push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.docker.distribution.events.v1+json',
        authorization: `Bearer ${SECRET}`,
      },
      body: JSON.stringify(envelope),
    });
    expect(replay.status).toBe(200);
    await pushImage(pushRegistry.url, 'shop/api', '1.0.0', { layers: ['release 1.0.0'] });
    await settle();
    expect(await counts()).toEqual({ 'on-push': 1, 'on-both': 1, 'on-poll': 0, disabled: 0 });

    const rebuilt = await pushImage(pushRegistry.url, 'shop/api', '1.0.0', { layers: ['rebuilt 1.0.0'] });
    const after = await until(
      () => executions('on-push'),
      (e) => e.length >= 2,
    );
    expect(after.map((e) => e.trigger.digest)).toContain(rebuilt);
    await settle();
    expect(await counts()).toEqual({ 'on-push': 2, 'on-both': 1, 'on-poll': 0, disabled: 0 });
  });

  it('without notifications, polling starts the matching pipeline once (old tags were the baseline)', async () => {
    const digest = await pushImage(pollRegistry.url, 'shop/api', 'v2');
    const [execution] = await until(
      () => executions('on-poll'),
      (e) => e.length >= 1,
    );
    expect(execution!.trigger).toMatchObject({ type: 'docker', account: 'reg-poll', tag: 'v2', digest });
    expect(execution!.trigger.artifacts[0]).toMatchObject({
      type: 'docker/image',
      reference: `${pollRegistry.host}/shop/api:v2`,
    });
    await settle();
    expect(await counts()).toEqual({ 'on-push': 2, 'on-both': 1, 'on-poll': 1, disabled: 0 });
  });

  it('a tag the regex does not match, latest on an empty-tag trigger and a disabled trigger start nothing', async () => {
    await pushImage(pollRegistry.url, 'shop/api', 'dev-3');
    await pushImage(pushRegistry.url, 'shop/api', 'latest');
    await until(
      () => client.hget('{igor}:docker:reg-poll', 'shop/api:dev-3'),
      (v) => !!v,
    );
    await settle();
    expect(await counts()).toEqual({ 'on-push': 2, 'on-both': 1, 'on-poll': 1, disabled: 0 });
  });
});

interface DeployedExecution {
  status: string;
  trigger: {
    tag: string;
    resolvedExpectedArtifacts: { id: string; boundArtifact?: { reference: string } }[];
  };
  stages: {
    type: string;
    status: string;
    context: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  }[];
}
interface Deployment {
  spec: { template: { spec: { containers: { image: string }[] } } };
}

/** The finished executions of a deploy pipeline and the Deployment it wrote into the sandbox. */
async function deployedBy(configId: string, tag: string) {
  const [summary] = await until(
    () => executions(configId),
    (e) => e.some((x) => x.status === 'SUCCEEDED' || x.status === 'TERMINAL'),
    60_000,
  );
  expect(summary, `no execution of ${configId}`).toBeDefined();
  const execution = (await (
    await fetch(`${stack.url('orca')}/pipelines/${summary!.id}`)
  ).json()) as DeployedExecution;
  const res = await fetch(`${kube.url}/apis/apps/v1/namespaces/default/deployments/${configId}`);
  const deployment = res.status === 200 ? ((await res.json()) as Deployment) : undefined;
  expect(execution.trigger.tag).toBe(tag);
  return { execution, image: deployment?.spec.template.spec.containers[0]?.image };
}

describe('image push → pipeline → deployManifest binds the pushed image (kube sandbox)', () => {
  it('by push notification: the required expected artifact binds the pushed tag into the untagged image', async () => {
    await pushImage(pushRegistry.url, 'shop/web', '2.0.0', { layers: ['web 2.0.0'] });
    const { execution, image } = await deployedBy('deploy-on-push', '2.0.0');
    const reference = `${pushRegistry.host}/shop/web:2.0.0`;
    expect(execution.status, JSON.stringify(execution.stages[0]?.context.exception)).toBe('SUCCEEDED');
    expect(execution.trigger.resolvedExpectedArtifacts).toEqual([
      expect.objectContaining({ id: 'web-image', boundArtifact: expect.objectContaining({ reference }) }),
    ]);
    const deploy = execution.stages.find((s) => s.type === 'deployManifest')!;
    expect({ ...deploy.context, ...deploy.outputs }.requiredArtifacts, JSON.stringify(deploy)).toEqual([
      expect.objectContaining({ reference }),
    ]);
    expect(image).toBe(reference);
    await settle();
    expect(await executions('deploy-on-push')).toHaveLength(1);
  });

  it('by polling with notifications off: the trigger artifact replaces another tag of the image', async () => {
    await pushImage(pollRegistry.url, 'shop/web', '2.1.0', { layers: ['web 2.1.0'] });
    const { execution, image } = await deployedBy('deploy-on-poll', '2.1.0');
    expect(execution.status, JSON.stringify(execution.stages[0]?.context.exception)).toBe('SUCCEEDED');
    expect(image).toBe(`${pollRegistry.host}/shop/web:2.1.0`);
    await settle();
    expect(await executions('deploy-on-poll')).toHaveLength(1);
  });
});
