import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isComplete, type PipelineExecution } from '@genoa/shared';
import { signIdentity } from '@genoa/shared/node';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startOrca, type OrcaUnderTest } from '../src/__tests__/orca-under-test.js';
import { deployment } from './__fixtures__/manifest-stack.js';

/**
 * An execution runs as the signed identity that started it: its `authentication.allowedAccounts`
 * are the caller's `X-SPINNAKER-ACCOUNTS`, and clouddriver checks them on every operation orca
 * submits for it. Given a clouddriver account whose WRITE permission is restricted, a user whose
 * signed accounts list it deploys, another user's deploy fails with clouddriver's reason.
 */
const SECRET = 'account-permissions-internal-secret';
const clouddriverMain = join(dirname(fileURLToPath(import.meta.url)), '../../clouddriver/src/main.ts');
let sandbox: KubeSandbox;
let redis: RedisHandle;
let clouddriver: ManagedProcess;
let orca: OrcaUnderTest;

beforeAll(async () => {
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'orca-permissions-')), 'kubeconfig');
  [sandbox, redis] = await Promise.all([
    startKubeSandbox({ port: 0, kubeconfigPath, podReadyDelayMs: 50 }),
    startRedis(),
  ]);
  const port = await freePort();
  clouddriver = spawnManaged(process.execPath, ['--import', 'tsx', clouddriverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      GENOA_INTERNAL_SECRET: SECRET,
      CLOUDDRIVER_ACCOUNTS: JSON.stringify([
        { name: 'prod', kubeconfigFile: kubeconfigPath, permissions: { READ: [], WRITE: ['ops'] } },
      ]),
    },
  });
  await waitForHealthy(`http://127.0.0.1:${port}/health`, clouddriver, 60_000);
  orca = await startOrca(redis.url, 'http://127.0.0.1:9', {
    CLOUDDRIVER_URL: `http://127.0.0.1:${port}`,
    GENOA_INTERNAL_SECRET: SECRET,
  });
}, 90_000);
afterAll(async () => {
  await orca?.close();
  await clouddriver?.stop();
  await Promise.all([sandbox?.stop(), redis?.stop()]);
});

/** Starts a one-stage deploy of `name` into account prod as `user` holding `accounts`; waits for the end. */
async function deployAs(user: string, accounts: string[], name: string): Promise<PipelineExecution> {
  const res = await orca.app.inject({
    method: 'POST',
    url: '/orchestrate',
    headers: signIdentity({ user, accounts }, 'POST', '/orchestrate', SECRET),
    payload: {
      application: 'demo',
      name: 'deploy',
      stages: [
        {
          refId: '1',
          type: 'deployManifest',
          name: 'Deploy',
          account: 'prod',
          cloudProvider: 'kubernetes',
          source: 'text',
          moniker: { app: 'demo' },
          manifests: [deployment(name, 1)],
        },
      ],
      trigger: {},
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const id = (res.json() as { ref: string }).ref.split('/').pop()!;
  return eventually(
    async () => {
      const e = (await orca.app.inject({ url: `/pipelines/${id}` })).json() as PipelineExecution;
      return isComplete(e.status) ? e : undefined;
    },
    30_000,
    `execution ${id} to complete`,
  );
}

const stageError = (e: PipelineExecution) => JSON.stringify(e.stages.map((s) => s.context.exception ?? null));

describe('execution authentication.allowedAccounts (WRITE-restricted account)', () => {
  it("records the signed identity's accounts and deploys for a user allowed to write", async () => {
    const e = await deployAs('alice', ['prod'], 'allowed');
    expect(e.authentication).toEqual({ user: 'alice', allowedAccounts: ['prod'] });
    expect(e.status, stageError(e)).toBe('SUCCEEDED');
    const live = await fetch(`${sandbox.url}/apis/apps/v1/namespaces/default/deployments/allowed`);
    expect(live.status).toBe(200);
  });

  it("refuses another user's deploy with clouddriver's permission message", async () => {
    const e = await deployAs('mallory', [], 'refused');
    expect(e.authentication).toEqual({ user: 'mallory', allowedAccounts: [] });
    expect(e.status).toBe('TERMINAL');
    expect(stageError(e)).toContain('mallory may not write to account prod');
    const live = await fetch(`${sandbox.url}/apis/apps/v1/namespaces/default/deployments/refused`);
    expect(live.status).toBe(404);
  });
});
