/**
 * Deploy benchmark: a deployManifest stage of a 3-replica Deployment, started through a real orca
 * process (`POST /orchestrate`) that drives a real clouddriver process on a kube sandbox, timed
 * until the execution is SUCCEEDED (deploy → monitor → promote → wait for stable → cleanup).
 * Pods become ready `BENCH_POD_READY_MS` (default 1000) after they are created.
 *
 * Printed next to Spinnaker's polling model, applied to each measured run:
 *   T_spinnaker = T_genoa − 2 × 0.5 s + 2 × 5 s      monitorDeploy and monitorCleanup poll clouddriver
 *                                                  tasks every 5 s (MonitorKatoTask), Genoa every 0.5 s
 *               + U(0, 30 s)                       stability is seen on the next 30 s caching cycle
 *               + U(0, 5 s)                        and then on the next 5 s WaitForManifestStableTask poll
 * (uniform phases drawn per run with a fixed seed).
 * Run: `npm run bench -- clouddriver-deploy` (BENCH_RUNS, default 10, 3 with --quick). Rows: wall
 * time p50/p99 with the model's figure for the same runs as the comparison (issue #7).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKubeSandbox } from '@genoa/kube-sandbox';
import { freePort, spawnManaged, startRedis, waitForHealthy } from '@genoa/testing';
import { orchestrate, quantile, startOrca } from './orca-support.js';
import { report, sized } from './report.js';

const RUNS = sized(10, 3, 'BENCH_RUNS');
const POD_READY_MS = Number(process.env.BENCH_POD_READY_MS ?? 1000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'deploy-bench-'));
const sandbox = await startKubeSandbox({
  port: 0,
  kubeconfigPath: join(dir, 'kubeconfig'),
  podReadyDelayMs: POD_READY_MS,
});
const redis = await startRedis({ ignoreEnv: true });
const port = await freePort();
const clouddriver = spawnManaged(
  process.execPath,
  ['--import', 'tsx', join(root, 'services/clouddriver/src/main.ts')],
  {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redis.url,
      KUBECONFIG: sandbox.kubeconfigPath,
      LOG_LEVEL: 'warn',
    },
  },
);
const clouddriverUrl = `http://127.0.0.1:${port}`;
let orca: Awaited<ReturnType<typeof startOrca>> | undefined;
try {
  await waitForHealthy(`${clouddriverUrl}/health`, clouddriver, 60_000);
  orca = await startOrca(redis.url, { CLOUDDRIVER_URL: clouddriverUrl });
  const deploy = (name: string) => ({
    application: 'bench',
    name: 'deploy',
    stages: [
      {
        refId: '1',
        type: 'deployManifest',
        account: 'local',
        cloudProvider: 'kubernetes',
        moniker: { app: 'bench' },
        source: 'text',
        manifests: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name, namespace: 'default' },
            spec: {
              replicas: 3,
              selector: { matchLabels: { app: name } },
              template: {
                metadata: { labels: { app: name } },
                spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
              },
            },
          },
        ],
      },
    ],
  });

  const genoa: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const id = await orchestrate(orca, deploy(`bench-${i}`));
    for (;;) {
      const e = (await (await fetch(`${orca.url}/pipelines/${id}`)).json()) as { status: string };
      if (e.status === 'SUCCEEDED') break;
      if (!['NOT_STARTED', 'RUNNING'].includes(e.status)) throw new Error(`deploy ${i} ended ${e.status}`);
      await sleep(10);
    }
    genoa.push(performance.now() - started);
  }

  let seed = 42;
  const uniform = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const spinnaker = genoa.map((t) => t - 2 * 500 + 2 * 5000 + uniform() * 30_000 + uniform() * 5000);
  const line = (label: string, xs: number[]) =>
    console.log(
      `  ${label.padEnd(44)} p50 ${(quantile(xs, 0.5) / 1000).toFixed(2)} s  p99 ${(quantile(xs, 0.99) / 1000).toFixed(2)} s`,
    );
  console.log(`  deployManifest, 3-replica Deployment, pods ready after ${POD_READY_MS} ms, ${RUNS} runs`);
  line('Genoa (orca → clouddriver → SUCCEEDED)', genoa);
  line('Spinnaker model (5 s task polls, 30 s cache)', spinnaker);
  const what = `deployManifest → SUCCEEDED wall time (3-replica Deployment, pods ready after ${POD_READY_MS} ms)`;
  const model = 'Spinnaker 30 s polling model';
  report(
    (
      [
        ['p50', 0.5],
        ['p99', 0.99],
      ] as const
    ).map(([name, q]) => ({
      metric: `${what} ${name}`,
      value: quantile(genoa, q) / 1000,
      unit: 's',
      comparison: { label: model, value: quantile(spinnaker, q) / 1000 },
    })),
  );
} finally {
  await orca?.proc.stop();
  await clouddriver.stop();
  await Promise.all([sandbox.stop(), redis.stop()]);
}
