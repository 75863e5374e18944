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
    GATE_WEBHOOK_SOURCES: '{"*":{"allowUnauthenticated":true}}',
  });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

const routes: [string, string][] = [
  ['POST', '/tasks'],
  ['POST', '/applications/x/tasks'],
  ['POST', '/pipelines'],
  ['PUT', '/pipelines/abc'],
  ['POST', '/pipelines/app/name'],
  ['POST', '/pipelines/v2/app/name'],
  ['PATCH', '/pipelines/abc/stages/s1'],
  ['POST', '/pipelines/abc/evaluateExpression'],
  ['POST', '/login'],
  ['POST', '/auth/tokens'],
  ['POST', '/webhooks/webhook/src'],
  ['GET', '/executions?limit=-5&executionIds=a'],
  ['GET', '/applications?expand[]=1'],
  ['POST', '/pipelines/bulksave?application=x'],
  ['POST', '/actions/pipelines/reorder'],
  ['POST', '/pipelines/start'],
  ['POST', '/notifications/application/x'],
  ['GET', '/applications/x/executions/search?trigger=%%%&size=-1'],
  ['GET', '/cron/validate?expression='],
  ['GET', '/v2/builds/ci/build/NaN/job'],
  ['GET', '/events/applications/a%20b'],
  ['GET', '/login?code=x&state=y'],
  ['GET', '/auth/redirect?to=javascript:alert(1)'],
];
const bodies = [
  '',
  'null',
  '[]',
  '"str"',
  '42',
  '{"job":"x"}',
  '{"application":{"$ne":1}}',
  '{',
  '\u0000\u0001',
  JSON.stringify({ a: 'x'.repeat(5000) }),
  '{"__proto__":{"admin":true}}',
];

describe('malformed requests never cause a 5xx', () => {
  it.each(routes)('%s %s', async (method, url) => {
    for (const payload of bodies) {
      for (const contentType of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
        const res = await gate.app.inject({
          method: method as 'POST',
          url,
          payload,
          headers: { 'content-type': contentType },
        });
        expect(res.statusCode, `${method} ${url} ${contentType} ${payload.slice(0, 30)}`).toBeLessThan(500);
      }
    }
  });
  it('odd paths and ids are 4xx', async () => {
    for (const url of [
      '/pipelines/..%2f..%2fetc',
      '/tasks/%00',
      '/applications/%E0%A4%A',
      '/pipelines/a%2Fb/cancel',
    ]) {
      expect((await gate.app.inject({ url })).statusCode).toBeLessThan(500);
      expect((await gate.app.inject({ method: 'PUT', url })).statusCode).toBeLessThan(500);
    }
  });
});
