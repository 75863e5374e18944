import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  gate = await startTestGate(standIns, redis.url, {
    GATE_AUTH_ENABLED: 'true',
    GATE_ADMIN_PASSWORD: 'builds-admin-pass',
  });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

const admin = { authorization: `Basic ${Buffer.from('admin:builds-admin-pass').toString('base64')}` };
const get = async (url: string, headers: Record<string, string> = admin) => {
  standIns.calls.length = 0;
  const res = await gate.app.inject({ url, headers });
  const igor = standIns.calls.filter((c) => c.service === 'igor').map((c) => c.url);
  return { status: res.statusCode, body: res.statusCode < 300 ? res.json() : undefined, igor };
};

describe('build endpoints → igor', () => {
  it.each([
    ['/v2/builds', '/masters', ['ci']],
    ['/v2/builds/ci/jobs', '/jobs/ci', ['team/job/svc']],
    ['/v2/builds/ci/jobs/team/job/svc', '/jobs/ci/team/job/svc', { name: 'team/job/svc' }],
    [
      '/v2/builds/ci/builds/team/job/svc',
      '/builds/all/ci/team/job/svc',
      [{ number: 1, master: 'ci', job: 'team/job/svc' }],
    ],
    [
      '/v2/builds/ci/build/7/team/job/svc',
      '/builds/status/7/ci/team/job/svc',
      { number: 7, master: 'ci', job: 'team/job/svc' },
    ],
    ['/v3/builds', '/masters', ['ci']],
    [
      '/v3/builds/ci/job?job=team%2Fjob%2Fsvc',
      '/jobs/ci?job=team%2Fjob%2Fsvc',
      { name: 'team/job/svc', displayName: 'team/job/svc' },
    ],
    [
      '/v3/builds/ci/builds?job=team%2Fjob%2Fsvc',
      '/builds/all/ci?job=team%2Fjob%2Fsvc',
      [{ number: 1, master: 'ci', job: 'team/job/svc' }],
    ],
    ['/v3/builds/ci/build/7?job=a', '/builds/status/7/ci?job=a', { number: 7, master: 'ci', job: 'a' }],
  ])('GET %s → igor %s', async (url, downstream, body) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.igor).toEqual([downstream]);
    expect(res.body).toEqual(body);
  });

  it('rejects bad input with 400 and anonymous callers with 401', async () => {
    expect((await get('/v3/builds/ci/builds')).status).toBe(400);
    expect((await get('/v2/builds/ci/build/x/job')).status).toBe(400);
    expect((await get('/v2/builds', {})).status).toBe(401);
  });
});
