import { verifyIdentity } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import fastify from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../auth/secrets.js';
import { basic, startTestGate, TEST_SECRET, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
const gates: TestGate[] = [];
const users = { alice: ['dev'], bob: ['qa'], root: ['admin'] } as const;
type User = keyof typeof users;
const password = (u: string) => `${u}-pass-123`;
let authEnv: Record<string, string>;

const initialAccounts = () => [
  { name: 'k8s-dev', type: 'kubernetes', permissions: { READ: ['dev', 'qa'], WRITE: ['dev'] } },
  { name: 'k8s-prod', type: 'kubernetes', permissions: { READ: ['ops'], WRITE: ['ops'] } },
  { name: 'k8s-sandbox', type: 'kubernetes', permissions: { READ: [], WRITE: [] } },
];

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  standIns.data.applications = { open: { name: 'open' } };
  const configured = await Promise.all(
    Object.entries(users).map(async ([username, roles]) => ({
      username,
      roles,
      passwordHash: await hashSecret(password(username)),
    })),
  );
  authEnv = { GATE_AUTH_ENABLED: 'true', GATE_USERS: JSON.stringify(configured) };
});
beforeEach(() => {
  standIns.data.accounts = initialAccounts();
});
// each test's gates stop refreshing before the next test counts clouddriver reads
afterEach(async () => {
  await Promise.all(gates.splice(0).map((g) => g.close()));
});
afterAll(async () => {
  await standIns?.close();
  await redis?.stop();
});

async function gateWith(env: Record<string, string>): Promise<TestGate> {
  const gate = await startTestGate(standIns, redis.url, env);
  gates.push(gate);
  return gate;
}

/** Submits a task as `user` and returns the signed identity orca received with it. */
async function identityAtOrca(gate: TestGate, user?: User) {
  standIns.calls.length = 0;
  const res = await gate.app.inject({
    method: 'POST',
    url: '/tasks',
    headers: user ? basic(user, password(user)) : {},
    payload: { application: 'open', job: [{ type: 'updateApplication', application: { name: 'open' } }] },
  });
  expect(res.statusCode, res.body).toBe(200);
  const call = standIns.calls.find((c) => c.service === 'orca' && c.url === '/ops')!;
  const checked = verifyIdentity(call.headers, 'POST', '/ops', TEST_SECRET);
  expect(checked.verified).toBe(true);
  return checked.identity!;
}
const accountsAtOrca = async (gate: TestGate, user?: User) => (await identityAtOrca(gate, user)).accounts;
const credentialReads = () =>
  standIns.calls.filter((c) => c.service === 'clouddriver' && c.url.startsWith('/credentials')).length;

describe('allowed accounts signed onto downstream calls (X-SPINNAKER-ACCOUNTS)', () => {
  it('carries the accounts each user may WRITE, all of them for admins', async () => {
    const gate = await gateWith({ ...authEnv, GATE_ACCOUNT_REFRESH_MS: '200' });
    await vi.waitFor(async () =>
      expect(await accountsAtOrca(gate, 'alice')).toEqual(['k8s-dev', 'k8s-sandbox']),
    );
    expect(await identityAtOrca(gate, 'alice')).toMatchObject({ user: 'alice', roles: ['dev'] });
    expect(await accountsAtOrca(gate, 'bob')).toEqual(['k8s-sandbox']);
    expect(await accountsAtOrca(gate, 'root')).toEqual(['k8s-dev', 'k8s-prod', 'k8s-sandbox']);
    const me = await gate.app.inject({
      method: 'GET',
      url: '/auth/user',
      headers: basic('bob', password('bob')),
    });
    expect(me.json()).toMatchObject({ username: 'bob', allowedAccounts: ['k8s-sandbox'] });
  });

  it('carries every account with auth off (anonymous mode)', async () => {
    const gate = await gateWith({ GATE_ACCOUNT_REFRESH_MS: '200' });
    await vi.waitFor(async () =>
      expect(await accountsAtOrca(gate)).toEqual(['k8s-dev', 'k8s-prod', 'k8s-sandbox']),
    );
  });

  it('reflects a change of account permissions in clouddriver after the refresh period', async () => {
    const gate = await gateWith({ ...authEnv, GATE_ACCOUNT_REFRESH_MS: '300' });
    await vi.waitFor(async () => expect(await accountsAtOrca(gate, 'bob')).toEqual(['k8s-sandbox']));
    standIns.data.accounts[1]!.permissions = { READ: ['ops'], WRITE: ['ops', 'qa'] };
    standIns.data.accounts[0]!.permissions = { READ: ['dev'], WRITE: ['ops'] };
    const changedAt = Date.now();
    await vi.waitFor(
      async () => expect(await accountsAtOrca(gate, 'bob')).toEqual(['k8s-prod', 'k8s-sandbox']),
      { timeout: 3_000, interval: 50 },
    );
    expect(Date.now() - changedAt).toBeLessThan(2_000);
    expect(await accountsAtOrca(gate, 'alice')).toEqual(['k8s-sandbox']);
  });

  it('never reads clouddriver on a request’s path: the list is kept until the next refresh', async () => {
    const gate = await gateWith({ ...authEnv, GATE_ACCOUNT_REFRESH_MS: '600000' });
    await vi.waitFor(async () =>
      expect(await accountsAtOrca(gate, 'alice')).toEqual(['k8s-dev', 'k8s-sandbox']),
    );
    standIns.data.accounts[0]!.permissions = { READ: [], WRITE: ['ops'] };
    let reads = 0;
    for (let i = 0; i < 20; i++) {
      expect(await accountsAtOrca(gate, 'alice')).toEqual(['k8s-dev', 'k8s-sandbox']);
      reads += credentialReads();
    }
    expect(reads).toBe(0);
  });

  it('keeps the last known accounts while clouddriver is down, and works with none before the first read', async () => {
    const clouddriver = fastify();
    let reads = 0;
    clouddriver.get('/credentials', async () => (reads++, initialAccounts()));
    const url = await clouddriver.listen({ port: 0, host: '127.0.0.1' });
    const gate = await gateWith({ CLOUDDRIVER_URL: url, GATE_ACCOUNT_REFRESH_MS: '100' });
    await vi.waitFor(async () =>
      expect(await accountsAtOrca(gate)).toEqual(['k8s-dev', 'k8s-prod', 'k8s-sandbox']),
    );
    await clouddriver.close();
    const readsBefore = reads;
    await new Promise((r) => setTimeout(r, 500));
    expect(reads).toBe(readsBefore);
    expect(await accountsAtOrca(gate)).toEqual(['k8s-dev', 'k8s-prod', 'k8s-sandbox']);

    const never = await gateWith({ CLOUDDRIVER_URL: 'http://127.0.0.1:9', GATE_ACCOUNT_REFRESH_MS: '100' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await accountsAtOrca(never)).toEqual([]);
  });
});
