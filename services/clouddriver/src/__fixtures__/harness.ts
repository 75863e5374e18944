import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRedis } from '@genoa/shared/node';
import { startKubeSandbox, startRedis, type KubeSandbox, type RedisHandle } from '@genoa/testing';
import type { Redis } from 'ioredis';
import { createClouddriver, type Clouddriver } from '../clouddriver.js';
import { loadClouddriverConfig } from '../config.js';
import type { KatoTask } from '../domain/task.js';

/** A clouddriver wired to a kube sandbox and a real Redis, for one test file. */
export interface Harness {
  sandbox: KubeSandbox;
  redis: RedisHandle;
  client: Redis;
  clouddriver: Clouddriver;
  /** Starts another clouddriver on the same sandbox and Redis (restart / second replica tests). */
  spawn(env?: Record<string, string>): Promise<Clouddriver>;
  /** POSTs `/kubernetes/ops` and waits until the task finishes. */
  run(body: unknown): Promise<KatoTask>;
  /** Runs ops and asserts the task succeeded (throws with its failure otherwise). */
  ok(body: unknown): Promise<KatoTask>;
  /** GET a JSON view. */
  get<T = unknown>(url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws its last error). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts a sandbox (pods ready after 50 ms), a Redis and a clouddriver. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'clouddriver-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const [sandbox, redis] = await Promise.all([
    startKubeSandbox({
      port: 0,
      kubeconfigPath,
      podReadyDelayMs: 50,
      podCompleteDelayMs: 100,
      podDeleteDelayMs: 20,
      crashLoopIntervalMs: 100,
    }),
    startRedis({ ignoreEnv: false }),
  ]);
  const logger = createLogger({ service: 'clouddriver', version: 'test', level: 'silent' });
  const clients: Redis[] = [];
  const drivers: Clouddriver[] = [];
  const spawn = async (extra: Record<string, string> = {}) => {
    const config = loadClouddriverConfig({
      KUBECONFIG: kubeconfigPath,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'silent',
      ...env,
      ...extra,
    });
    const client = createRedis(redis.url, { name: 'clouddriver-test' });
    clients.push(client);
    const cd = createClouddriver({ config, logger, version: 'test', redis: client });
    await cd.start();
    drivers.push(cd);
    await waitFor(async () => (await cd.app.inject({ url: '/health' })).statusCode === 200, 15_000);
    return cd;
  };
  const clouddriver = await spawn();
  const harness: Harness = {
    sandbox,
    redis,
    client: clients[0]!,
    clouddriver,
    spawn,
    async run(body) {
      const res = await clouddriver.app.inject({
        method: 'POST',
        url: '/kubernetes/ops',
        payload: body as object,
      });
      if (res.statusCode !== 200)
        throw new Error(`POST /kubernetes/ops answered ${res.statusCode}: ${res.body}`);
      const { id } = res.json() as { id: string };
      return waitFor(async () => {
        const task = (await clouddriver.app.inject({ url: `/task/${id}` })).json() as KatoTask;
        return task.status.completed ? task : undefined;
      }, 20_000);
    },
    async ok(body) {
      const task = await harness.run(body);
      if (task.status.failed) throw new Error(`task failed: ${failureOf(task)}`);
      return task;
    },
    async get(url) {
      const res = await clouddriver.app.inject({ url });
      return { status: res.statusCode, body: res.json(), headers: res.headers };
    },
    async stop() {
      for (const cd of drivers) {
        await cd.stop();
        await cd.app.close();
      }
      for (const c of clients) c.disconnect();
      await Promise.all([sandbox.stop(), redis.stop()]);
    },
  };
  return harness;
}

/** The last history line and the EXCEPTION result of a failed task, for assertions. */
export function failureOf(task: KatoTask): string {
  const exception = task.resultObjects.find((r) => r.type === 'EXCEPTION') as
    { message?: string } | undefined;
  return exception?.message ?? '';
}
