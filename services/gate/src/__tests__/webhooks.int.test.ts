import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EchoEventSchema, QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue } from '@genoa/shared/node';
import { fixtureFiles, startRedis, type RedisHandle } from '@genoa/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoEventSink } from '../echo-event-sink.js';
import { startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;

const sources = {
  github: { hmacSecret: 'gh-hmac-secret-123' },
  ci: { secret: 'ci-shared-secret' },
  'jenkins-main': { secret: 'jenkins-shared-secret' },
  public: { allowUnauthenticated: true },
  locked: {},
};
const sign = (body: string) =>
  `sha256=${createHmac('sha256', sources.github.hmacSecret).update(body).digest('hex')}`;

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  gate = await startTestGate(standIns, redis.url, {
    GATE_AUTH_ENABLED: 'true',
    GATE_WEBHOOK_SOURCES: JSON.stringify(sources),
    GATE_WEBHOOK_BODY_LIMIT_BYTES: '2048',
    GATE_WEBHOOK_RATE_PER_MINUTE: '20',
  });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  gate.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('webhook intake', () => {
  it('accepts a good GitHub-signed event and answers like echo', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'org/repo' } });
    const res = await post('/webhooks/git/github', body, {
      'x-hub-signature-256': sign(body),
      'x-github-event': 'push',
    });
    expect(res.statusCode).toBe(200);
    const { eventProcessed, eventId } = res.json() as { eventProcessed: boolean; eventId: string };
    expect(eventProcessed).toBe(true);
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    const event = gate.events.at(-1)!;
    expect(event).toMatchObject({
      eventId,
      details: { type: 'git', source: 'github' },
      content: { ref: 'refs/heads/main' },
    });
    expect(event.details.requestHeaders?.['x-hub-signature-256']).toBeUndefined();
  });

  it('401 on a bad signature, a missing or wrong secret, and an unconfigured or locked source', async () => {
    const body = '{"a":1}';
    expect(
      (await post('/webhooks/git/github', body, { 'x-hub-signature-256': sign('{"a":2}') })).statusCode,
    ).toBe(401);
    expect((await post('/webhooks/git/github', body)).statusCode).toBe(401);
    expect((await post('/webhooks/webhook/ci', body)).statusCode).toBe(401);
    expect(
      (await post('/webhooks/webhook/ci', body, { 'x-webhook-secret': 'wrong-secret!' })).statusCode,
    ).toBe(401);
    expect(
      (await post('/webhooks/webhook/ci', body, { 'x-webhook-secret': sources.ci.secret })).statusCode,
    ).toBe(200);
    expect((await post('/webhooks/webhook/locked', body)).statusCode).toBe(401);
    expect((await post('/webhooks/webhook/unknown', body)).statusCode).toBe(401);
    expect((await post('/webhooks/webhook/public', body)).statusCode).toBe(200);
  });

  it('413 on an oversize body, 400 on a non-JSON body', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(4096) });
    expect((await post('/webhooks/webhook/public', big)).statusCode).toBe(413);
    expect((await post('/webhooks/webhook/public', 'not json')).statusCode).toBe(400);
  });

  it('429 on a flood from one client for one source', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++)
      codes.push(
        (await post('/webhooks/webhook/ci', '{}', { 'x-webhook-secret': sources.ci.secret })).statusCode,
      );
    expect(codes).toContain(429);
    expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(20);
  });

  it('the production sink enqueues the event durably on echo-events (jobId = eventId)', async () => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const durable = await startTestGate(
      standIns,
      redis.url,
      { GATE_WEBHOOK_SOURCES: JSON.stringify(sources) },
      createEchoEventSink,
    );
    const res = await durable.app.inject({
      method: 'POST',
      url: '/webhooks/webhook/public',
      payload: { hello: 'world' },
    });
    expect(res.statusCode).toBe(200);
    const queue = createQueue<EchoEvent>(QueueName.echoEvents, connection);
    const job = await queue.getJob(res.json().eventId);
    expect(EchoEventSchema.parse(job?.data)).toMatchObject({
      eventId: res.json().eventId,
      content: { hello: 'world' },
    });
    await queue.close();
    await durable.close();
    connection.disconnect();
  });
  it('a Jenkins Notification-plugin POST goes to igor push intake for that master (202, secret required)', async () => {
    const received: { url: string; body: unknown }[] = [];
    const igor = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(raw) });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ eventId: 'jenkins-main:support:148', announced: true }));
      });
    });
    await new Promise<void>((resolve) => igor.listen(0, '127.0.0.1', resolve));
    const port = (igor.address() as AddressInfo).port;
    const withIgor = await startTestGate(standIns, redis.url, {
      GATE_AUTH_ENABLED: 'true',
      GATE_WEBHOOK_SOURCES: JSON.stringify(sources),
      IGOR_URL: `http://127.0.0.1:${port}`,
    });
    const fixture = fixtureFiles('jenkins').find((f) => f.name === 'idobata__notification-finished.json');
    const payload = JSON.stringify(fixture?.json);
    try {
      const push = (headers: Record<string, string>) =>
        withIgor.app.inject({
          method: 'POST',
          url: '/webhooks/jenkins/jenkins-main',
          payload,
          headers: { 'content-type': 'application/json', ...headers },
        });
      expect((await push({})).statusCode).toBe(401);
      expect(received).toHaveLength(0);
      const res = await push({ 'x-webhook-secret': sources['jenkins-main'].secret });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ eventId: 'jenkins-main:support:148', announced: true });
      expect(received).toEqual([{ url: '/jenkins/notifications/jenkins-main', body: fixture?.json }]);
    } finally {
      await withIgor.close();
      igor.close();
    }
  });
});
