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
  gate = await startTestGate(standIns, redis.url);
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

describe('image lookups (gate ImageController → clouddriver)', () => {
  it('passes /images/find to /{provider}/images/find with the other query parameters', async () => {
    const res = await gate.app.inject({
      url: '/images/find?provider=dockerRegistry&account=reg&q=shop&count=5',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({
        repository: 'shop/api',
        query: { account: 'reg', q: 'shop', count: '5' },
      }),
    ]);
    const call = standIns.calls.findLast((c) => c.url.startsWith('/dockerRegistry/images/find'));
    expect(call?.headers['x-spinnaker-user']).toBe('anonymous');
  });

  it('passes /images/tags; 400 without repository or with a bad provider; 404 from clouddriver kept', async () => {
    const tags = await gate.app.inject({
      url: '/images/tags?provider=dockerRegistry&account=reg&repository=shop/api',
    });
    expect(tags.json()).toEqual(['1', '2']);
    expect((await gate.app.inject({ url: '/images/tags?account=reg' })).statusCode).toBe(400);
    expect((await gate.app.inject({ url: '/images/find?provider=../x' })).statusCode).toBe(400);
    expect((await gate.app.inject({ url: '/images/find?provider=aws' })).statusCode).toBe(404);
  });
});
