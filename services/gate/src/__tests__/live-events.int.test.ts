import {
  ExecutionLiveEventSchema,
  LiveEventChannels,
  LiveEventPaths,
  type LiveEventMessage,
} from '@genoa/shared';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/secrets.js';
import { basic, startTestGate, type TestGate } from './harness.js';
import { openSse } from './sse-client.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
let publisher: Redis;
let base: string;
const users = { alice: ['dev'], carol: [] as string[] };
const pass = (u: string) => `${u}-pass-123`;

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  standIns.data.applications = {
    devapp: { name: 'devapp', permissions: { READ: ['dev'], WRITE: ['dev'] } },
    open: { name: 'open' },
  };
  standIns.data.executions = {
    '01JPAUSE': {
      id: '01JPAUSE',
      type: 'PIPELINE',
      application: 'devapp',
      name: 'Deploy',
      status: 'RUNNING',
      stages: [],
    },
  };
  const configured = await Promise.all(
    Object.entries(users).map(async ([username, roles]) => ({
      username,
      roles,
      passwordHash: await hashSecret(pass(username)),
    })),
  );
  gate = await startTestGate(
    standIns,
    redis.url,
    { GATE_AUTH_ENABLED: 'true', GATE_USERS: JSON.stringify(configured), GATE_PERMISSION_CACHE_MS: '0' },
    undefined,
    { liveKeepAliveMs: 200 },
  );
  base = await gate.app.listen({ port: 0, host: '127.0.0.1' });
  publisher = new Redis(redis.url);
});
afterAll(async () => {
  publisher?.disconnect();
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

const subscribers = async (app: string) =>
  ((await publisher.pubsub('NUMSUB', LiveEventChannels.application(app))) as [string, number])[1];
const until = async (check: () => Promise<boolean>, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const executionMessage = (application: string, status: string): LiveEventMessage => ({
  event: 'execution',
  data: {
    application,
    executionId: '01JEXEC',
    executionType: 'PIPELINE',
    type: 'orca:stage:complete',
    stageId: '01JSTAGE',
    status,
    timestamp: Date.now(),
  },
});

describe('live updates: GET /events/applications/{application}', () => {
  it('streams an execution state change to an SSE client within 1 s, with keep-alives', async () => {
    const sse = await openSse(
      `${base}${LiveEventPaths.application('devapp')}`,
      basic('alice', pass('alice')),
    );
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await sse.next((m) => m.comment === 'connected');
    const sent = Date.now();
    await publisher.publish(
      LiveEventChannels.application('devapp'),
      JSON.stringify(executionMessage('devapp', 'SUCCEEDED')),
    );
    const got = await sse.next((m) => m.event === 'execution', 1_000);
    expect(got.at - sent).toBeLessThan(1_000);
    const data = ExecutionLiveEventSchema.parse(JSON.parse(got.data!));
    expect(data).toMatchObject({ application: 'devapp', status: 'SUCCEEDED', type: 'orca:stage:complete' });
    // Another application's events do not leak into this stream; keep-alive comments arrive.
    await publisher.publish(
      LiveEventChannels.application('open'),
      JSON.stringify(executionMessage('open', 'RUNNING')),
    );
    await sse.next((m) => m.comment === 'keep-alive', 1_000);
    expect(sse.messages.filter((m) => m.event).map((m) => JSON.parse(m.data!).application)).toEqual([
      'devapp',
    ]);
    sse.close();
  });

  it('delivers infrastructure events and ignores malformed messages', async () => {
    const sse = await openSse(`${base}/events/applications/open`, basic('carol', pass('carol')));
    await sse.next((m) => m.comment === 'connected');
    const channel = LiveEventChannels.application('open');
    await publisher.publish(channel, '{"event":"execution","data":{}}');
    await publisher.publish(channel, 'not json');
    const infra: LiveEventMessage = {
      event: 'infrastructure',
      data: {
        application: 'open',
        account: 'k8s',
        namespace: 'default',
        kind: 'replicaSet',
        name: 'x-v001',
        timestamp: 1,
      },
    };
    await publisher.publish(channel, JSON.stringify(infra));
    const got = await sse.next((m) => m.event === 'infrastructure');
    expect(JSON.parse(got.data!)).toEqual(infra.data);
    expect(sse.messages.filter((m) => m.event)).toHaveLength(1);
    sse.close();
  });

  it('enforces READ: 401 anonymous, 403 without the role, 400 for a bad name', async () => {
    const anonymous = await openSse(`${base}/events/applications/devapp`);
    expect(anonymous.status).toBe(401);
    const carol = await openSse(`${base}/events/applications/devapp`, basic('carol', pass('carol')));
    expect(carol.status).toBe(403);
    const bad = await openSse(
      `${base}/events/applications/${encodeURIComponent('a b')}`,
      basic('alice', pass('alice')),
    );
    expect(bad.status).toBe(400);
    expect(await subscribers('devapp')).toBe(0);
  });

  it('one subscription per application, freed when the last client disconnects', async () => {
    const headers = basic('alice', pass('alice'));
    const a = await openSse(`${base}/events/applications/devapp`, headers);
    const b = await openSse(`${base}/events/applications/devapp`, headers);
    await Promise.all([a, b].map((c) => c.next((m) => m.comment === 'connected')));
    expect(await subscribers('devapp')).toBe(1);
    expect(gate.live.stats()).toEqual({ applications: 1, listeners: 2 });
    a.close();
    await until(async () => gate.live.stats().listeners === 1);
    expect(await subscribers('devapp')).toBe(1);
    b.close();
    await until(async () => (await subscribers('devapp')) === 0);
    expect(gate.live.stats()).toEqual({ applications: 0, listeners: 0 });
  });

  it('ends the stream when READ is revoked (checked at each keep-alive)', async () => {
    standIns.data.applications.revoked = { name: 'revoked' };
    const sse = await openSse(`${base}/events/applications/revoked`, basic('carol', pass('carol')));
    await sse.next((m) => m.comment === 'connected');
    standIns.data.applications.revoked = { name: 'revoked', permissions: { READ: ['dev'] } };
    await until(async () => (await subscribers('revoked')) === 0);
    sse.close();
  });

  it('a closing gate ends its open streams instead of waiting for them', async () => {
    const other = await startTestGate(standIns, redis.url);
    const url = await other.app.listen({ port: 0, host: '127.0.0.1' });
    const sse = await openSse(`${url}/events/applications/open`);
    await sse.next((m) => m.comment === 'connected');
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    sse.close();
  });

  it('streams the changes gate makes itself (pause, resume, a judgment) — commands orca’s engine does not announce', async () => {
    const headers = basic('alice', pass('alice'));
    const sse = await openSse(`${base}/events/applications/devapp`, headers);
    await sse.next((m) => m.comment === 'connected');
    const pause = await fetch(`${base}/pipelines/01JPAUSE/pause`, { method: 'PUT', headers });
    expect(pause.status).toBe(200);
    const paused = await sse.next(
      (m) => m.event === 'execution' && m.data!.includes('gate:execution:paused'),
      1_000,
    );
    expect(JSON.parse(paused.data!)).toMatchObject({
      executionId: '01JPAUSE',
      status: 'PAUSED',
      executionType: 'PIPELINE',
    });
    const judged = await fetch(`${base}/pipelines/01JPAUSE/stages/s1`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ judgmentStatus: 'continue' }),
    });
    expect(judged.status).toBe(200);
    const updated = await sse.next(
      (m) => m.event === 'execution' && m.data!.includes('gate:stage:updated'),
      1_000,
    );
    expect(JSON.parse(updated.data!)).toMatchObject({ executionId: '01JPAUSE', stageId: 's1' });
    sse.close();
  });
});
