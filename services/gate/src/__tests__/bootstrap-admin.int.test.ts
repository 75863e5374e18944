import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
const password = 'generated-at-install-0123';

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  gate = await startTestGate(standIns, redis.url, {
    GATE_AUTH_ENABLED: 'true',
    GATE_ADMIN_PASSWORD: password,
  });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

// The cluster install turns auth on and hands gate a generated admin password (GATE_ADMIN_PASSWORD).
describe('bootstrap admin', () => {
  it('signs in with the generated password as an admin', async () => {
    const user = await gate.app.inject({ url: '/auth/user', headers: basic('admin', password) });
    expect(user.statusCode).toBe(200);
    expect(user.json()).toMatchObject({ username: 'admin', roles: ['admin'] });
    const token = await gate.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: basic('admin', password),
      payload: { username: 'ci', roles: ['dev'] },
    });
    expect(token.statusCode).toBe(201);
  });

  it('refuses a wrong password and anonymous callers', async () => {
    expect(
      (await gate.app.inject({ url: '/applications', headers: basic('admin', 'nope') })).statusCode,
    ).toBe(401);
    expect((await gate.app.inject({ url: '/applications' })).statusCode).toBe(401);
  });
});
