import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isComplete, type PipelineExecution } from '@genoa/shared';
import {
  freePort,
  spawnManaged,
  startKubeSandbox,
  startRedis,
  waitForHealthy,
  type KubeSandbox,
  type ManagedProcess,
  type RedisHandle,
} from '@genoa/testing';
import { eventually, startOrca, type OrcaUnderTest } from '../../src/__tests__/orca-under-test.js';

const clouddriverMain = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'clouddriver',
  'src',
  'main.ts',
);

/** Redis, a kube sandbox, a clouddriver process on it and an orca in this process. */
export interface ManifestStack {
  sandbox: KubeSandbox;
  redis: RedisHandle;
  clouddriver: ManagedProcess;
  clouddriverUrl: string;
  orca: OrcaUnderTest;
  /** Starts a pipeline through orca's `/orchestrate` and waits until it completes. */
  run(
    pipeline: Record<string, unknown>,
    options?: { trigger?: Record<string, unknown>; timeoutMs?: number },
  ): Promise<PipelineExecution>;
  /** Starts a pipeline; its execution id. */
  start(pipeline: Record<string, unknown>, trigger?: Record<string, unknown>): Promise<string>;
  execution(id: string): Promise<PipelineExecution>;
  /** GET on clouddriver. */
  cd<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  /** GET on the Kubernetes API (the sandbox). */
  kube<T = Record<string, unknown>>(path: string): Promise<T | undefined>;
  stop(): Promise<void>;
}

/** Starts the stack; `clouddriverEnv` adds clouddriver settings (e.g. CLOUDDRIVER_ACCOUNTS). */
export async function startManifestStack(
  clouddriverEnv: (kubeconfigPath: string) => Record<string, string> = () => ({}),
): Promise<ManifestStack> {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'orca-e2e-')), 'kubeconfig');
  const [sandbox, redis] = await Promise.all([
    startKubeSandbox({
      port: 0,
      kubeconfigPath,
      podReadyDelayMs: 50,
      podCompleteDelayMs: 100,
      podDeleteDelayMs: 20,
      crashLoopIntervalMs: 100,
    }),
    startRedis(),
  ]);
  const port = await freePort();
  const clouddriverUrl = `http://127.0.0.1:${port}`;
  const clouddriver = spawnManaged(process.execPath, ['--import', 'tsx', clouddriverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redis.url,
      KUBECONFIG: kubeconfigPath,
      LOG_LEVEL: 'warn',
      ...clouddriverEnv(kubeconfigPath),
    },
  });
  await waitForHealthy(`${clouddriverUrl}/health`, clouddriver, 60_000);
  const orca = await startOrca(redis.url, 'http://127.0.0.1:9', { CLOUDDRIVER_URL: clouddriverUrl });

  const execution = async (id: string) =>
    (await orca.app.inject({ url: `/pipelines/${id}` })).json() as PipelineExecution;
  const start = async (pipeline: Record<string, unknown>, trigger: Record<string, unknown> = {}) => {
    const res = await orca.app.inject({
      method: 'POST',
      url: '/orchestrate',
      payload: { application: 'demo', name: 'e2e', ...pipeline, trigger },
    });
    if (res.statusCode !== 200) throw new Error(`orchestrate answered ${res.statusCode}: ${res.body}`);
    return (res.json() as { ref: string }).ref.split('/').pop()!;
  };
  return {
    sandbox,
    redis,
    clouddriver,
    clouddriverUrl,
    orca,
    start,
    execution,
    async run(pipeline, options = {}) {
      const id = await start(pipeline, options.trigger);
      return eventually(
        async () => {
          const e = await execution(id);
          return isComplete(e.status) ? e : undefined;
        },
        options.timeoutMs ?? 30_000,
        `execution ${id} to complete`,
      );
    },
    async cd(path) {
      const res = await fetch(clouddriverUrl + path);
      return { status: res.status, body: (await res.json()) as never };
    },
    async kube(path) {
      const res = await fetch(sandbox.url + path);
      return res.status === 404 ? undefined : ((await res.json()) as never);
    },
    async stop() {
      await orca.close();
      await clouddriver.stop();
      await Promise.all([sandbox.stop(), redis.stop()]);
    },
  };
}

/** A Deployment manifest (`image` containing "crashloop" makes its pods crash-loop in the sandbox). */
export const deployment = (name: string, replicas = 3, image = 'nginx:1.25') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image }] },
    },
  },
});

/** A one-stage pipeline of `type` with `context`, account `local`. */
export const oneStage = (type: string, context: Record<string, unknown>) => ({
  stages: [
    {
      refId: '1',
      requisiteStageRefIds: [],
      type,
      name: type,
      account: 'local',
      cloudProvider: 'kubernetes',
      ...context,
    },
  ],
});

/** The error Deck shows for a failed stage (its `context.exception.details.error`). */
export const stageError = (e: PipelineExecution, type?: string): string => {
  const s = e.stages.find((x) => (type ? x.type === type : x.status === 'TERMINAL') && x.context.exception);
  return String((s?.context.exception as { details?: { error?: string } } | undefined)?.details?.error ?? '');
};
