/**
 * Image push → docker-triggered execution RUNNING, two ways: by the registry's push notification
 * (registry → gate → echo → orca) and by igor's polling (clouddriver lookup every
 * `IGOR_POLL_INTERVAL_SECONDS`). A real distribution registry and front50, clouddriver, igor, orca,
 * echo and gate as processes. Latency is measured from the moment the push began (`pushImage`
 * called: blobs, then the manifest) to the execution's `startTime` (orca sets it when the execution
 * goes RUNNING), so it includes the push itself (its time is printed too) and is an upper bound: the
 * registry notifies as it accepts the manifest, which can be a few ms before `pushImage` resolves.
 * Run: `npm run bench -- docker`. Knobs: BENCH_PUSHES (default 20, 5 with --quick),
 * BENCH_POLL_INTERVAL_SECONDS (default 2). Rows (issue #13): by notification p50 (target < 200 ms,
 * polling's p50 as the comparison) and p90; by polling p50 and max (target: within the interval,
 * plus 1 s for the poll itself and the start).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  type GenoaProcesses,
} from '@genoa/testing';
import { report, sized } from './report.js';

const PUSHES = sized(20, 5, 'BENCH_PUSHES');
const POLL_INTERVAL_SECONDS = Number(process.env.BENCH_POLL_INTERVAL_SECONDS ?? 2);
const SECRET = 'bench-registry-secret';

const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'docker-bench-')), 'kubeconfig');
const [redis, s3, kube] = await Promise.all([
  startRedis({ ignoreEnv: true }),
  startS3({ ignoreEnv: true }),
  startKubeSandbox({ port: 0, kubeconfigPath }),
]);
const gatePort = await freePort();
const [pushRegistry, pollRegistry] = await Promise.all([
  startDockerRegistry({
    notificationsUrl: `http://127.0.0.1:${gatePort}/webhooks/docker/reg-push`,
    notificationSecret: SECRET,
  }),
  startDockerRegistry(),
]);
let stack: GenoaProcesses | undefined;

const pipeline = (id: string, account: string) => ({
  id,
  application: 'bench',
  name: id,
  stages: [{ type: 'wait', refId: '1', name: 'Wait', waitTime: 1 }],
  triggers: [{ type: 'docker', enabled: true, account, repository: 'bench/app' }],
});

/** Executions of a pipeline config, as orca lists them. */
async function executions(configId: string): Promise<{ trigger: { tag?: string }; startTime?: number }[]> {
  const res = await fetch(`${stack!.url('orca')}/pipelines?pipelineConfigIds=${configId}&limit=1000`);
  return (await res.json()) as { trigger: { tag?: string }; startTime?: number }[];
}

/** Waits for the execution of `tag` to have a start time; returns it. */
async function startedAt(configId: string, tag: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await executions(configId)).find((e) => e.trigger.tag === tag && e.startTime);
    if (found) return found.startTime!;
    if (Date.now() > deadline) throw new Error(`no RUNNING execution of ${configId} for ${tag}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const show = (label: string, latencies: number[]) => {
  const s = [...latencies].sort((a, b) => a - b);
  process.stdout.write(
    `${label.padEnd(40)} n=${s.length}  p50 ${pct(s, 50)} ms  p90 ${pct(s, 90)} ms  max ${s.at(-1)} ms\n`,
  );
};

async function measure(configId: string, registryUrl: string, prefix: string, timeoutMs: number) {
  const latencies: number[] = [];
  const pushMs: number[] = [];
  for (let i = 0; i < PUSHES; i++) {
    const tag = `${prefix}-${i}`;
    const began = Date.now();
    await pushImage(registryUrl, 'bench/app', tag);
    const pushed = Date.now();
    pushMs.push(pushed - began);
    latencies.push((await startedAt(configId, tag, timeoutMs)) - began);
    // Spread pushes over the poll cycle so polling latency is sampled across it.
    await new Promise((r) => setTimeout(r, 137));
  }
  return { latencies, pushMs };
}

try {
  stack = await startGenoaProcesses({
    services: ['front50', 'clouddriver', 'igor', 'orca', 'echo', 'gate'],
    ports: { gate: gatePort },
    env: {
      ...infrastructureEnv(redis, s3),
      GENOA_INTERNAL_SECRET: 'docker-bench-internal-secret',
      FRONT50_BUCKET: uniqueName('front50'),
      KUBECONFIG: kubeconfigPath,
      LOG_LEVEL: 'error',
    },
    perService: {
      clouddriver: {
        CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: JSON.stringify([
          { name: 'reg-poll', address: pollRegistry.url, repositories: ['bench/app'] },
        ]),
      },
      igor: {
        IGOR_DOCKER_REGISTRY_ENABLED: 'true',
        IGOR_POLL_INTERVAL_SECONDS: String(POLL_INTERVAL_SECONDS),
      },
      echo: { ECHO_CRON_ENABLED: 'false' },
      gate: { GATE_WEBHOOK_SOURCES: JSON.stringify({ 'reg-push': { secret: SECRET } }) },
    },
  });
  for (const p of [pipeline('on-push', 'reg-push'), pipeline('on-poll', 'reg-poll')])
    await fetch(`${stack.url('front50')}/pipelines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(p),
    });
  await fetch(`${stack.url('echo')}/pipelineCache/refresh`, { method: 'POST' });
  // igor's first poll of the account is its baseline; let it happen before measuring.
  await new Promise((r) => setTimeout(r, POLL_INTERVAL_SECONDS * 1000 + 500));

  process.stdout.write(`pushes per path: ${PUSHES}; igor poll interval: ${POLL_INTERVAL_SECONDS} s\n`);
  const push = await measure('on-push', pushRegistry.url, 'n', 10_000);
  show('push (HTTP API, 1 layer)', push.pushMs);
  show('push start → RUNNING by notification', push.latencies);
  const poll = await measure('on-poll', pollRegistry.url, 'p', POLL_INTERVAL_SECONDS * 1000 + 20_000);
  show(`push start → RUNNING by polling (${POLL_INTERVAL_SECONDS} s)`, poll.latencies);
  const byPush = [...push.latencies].sort((a, b) => a - b);
  const byPoll = [...poll.latencies].sort((a, b) => a - b);
  const polling = `by polling (${POLL_INTERVAL_SECONDS} s interval)`;
  report([
    {
      metric: 'docker push start → RUNNING p50, by notification',
      value: pct(byPush, 50),
      unit: 'ms',
      comparison: { label: `${polling} p50`, value: pct(byPoll, 50) },
      target: { op: '<', value: 200 },
    },
    { metric: 'docker push start → RUNNING p90, by notification', value: pct(byPush, 90), unit: 'ms' },
    { metric: `docker push start → RUNNING p50, ${polling}`, value: pct(byPoll, 50), unit: 'ms' },
    {
      metric: `docker push start → RUNNING max, ${polling}`,
      value: byPoll.at(-1)!,
      unit: 'ms',
      target: { op: '<', value: POLL_INTERVAL_SECONDS * 1000 + 1000 },
    },
  ]);
} finally {
  await stack?.stop();
  await Promise.all([pushRegistry.stop(), pollRegistry.stop(), kube.stop(), redis.stop(), s3.stop()]);
}
