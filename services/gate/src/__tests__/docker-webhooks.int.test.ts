import { dockerEventId } from '@genoa/shared';
import { pushImage, startDockerRegistry, startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
let gateUrl: string;

const sources = {
  'local-registry': { secret: 'registry-notify-secret' },
  'harbor-main': {
    secret: 'harbor-auth-header',
    dockerAccount: 'harbor',
    dockerRegistry: 'harbor.example.com',
  },
};
const digest = `sha256:${'8a9e'.repeat(16)}`;

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  gate = await startTestGate(standIns, redis.url, {
    GATE_AUTH_ENABLED: 'true',
    GATE_WEBHOOK_SOURCES: JSON.stringify(sources),
  });
  gateUrl = await gate.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  gate.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A Harbor `PUSH_ARTIFACT` webhook, shaped as Harbor's documentation shows (HTTP "Default" payload). */
const harborPush = (tag: string, extra: Record<string, unknown> = {}) => ({
  type: 'PUSH_ARTIFACT',
  occur_at: 1586922308,
  operator: 'admin',
  event_data: {
    resources: [{ digest, tag, resource_url: `harbor.example.com/shop/api:${tag}` }],
    repository: {
      date_created: 1586922308,
      name: 'api',
      namespace: 'shop',
      repo_full_name: 'shop/api',
      repo_type: 'private',
    },
  },
  ...extra,
});

describe('docker push intake (gate /webhooks/docker/{source})', () => {
  it('maps a real registry notification to one docker event per pushed tag', async () => {
    const registry = await startDockerRegistry({
      notificationsUrl: `${gateUrl}/webhooks/docker/local-registry`,
      notificationSecret: sources['local-registry'].secret,
    });
    try {
      const before = gate.events.length;
      const pushed = await pushImage(registry.url, 'org/app', '2.0.0');
      const deadline = Date.now() + 10_000;
      while (!gate.events.slice(before).some((e) => e.content.tag === '2.0.0') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      const events = gate.events.slice(before);
      // blob pushes are notified too; only the manifest push with its tag becomes an event
      expect(events).toHaveLength(1);
      const content = {
        account: 'local-registry',
        registry: registry.host,
        repository: 'org/app',
        tag: '2.0.0',
        digest: pushed,
      };
      expect(events[0]).toMatchObject({ details: { type: 'docker', source: 'local-registry' }, content });
      expect(events[0]!.eventId).toBe(await dockerEventId(content));
    } finally {
      await registry.stop();
    }
  });

  it('maps Harbor PUSH_ARTIFACT payloads (Authorization header secret, account and registry from the source)', async () => {
    const res = await post('/webhooks/docker/harbor-main', harborPush('1.4.0'), {
      authorization: sources['harbor-main'].secret,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { eventProcessed: boolean; eventId: string; eventIds: string[] };
    const content = {
      account: 'harbor',
      registry: 'harbor.example.com',
      repository: 'shop/api',
      tag: '1.4.0',
      digest,
    };
    expect(body).toEqual({
      eventProcessed: true,
      eventId: await dockerEventId(content),
      eventIds: [body.eventId],
    });
    expect(gate.events.at(-1)).toMatchObject({ eventId: body.eventId, details: { type: 'docker' }, content });
  });

  it("maps Harbor's CloudEvents format (harbor.artifact.pushed) to the same event", async () => {
    const { type: _type, event_data, occur_at: _at, operator, ...rest } = harborPush('1.4.0');
    const cloudEvent = {
      ...rest,
      specversion: '1.0',
      id: '4b2f89a6-548d-4c12-9993-a1f5790b97d2',
      source: '/projects/1/webhook/policies/3',
      type: 'harbor.artifact.pushed',
      datacontenttype: 'application/json',
      time: '2023-03-06T06:08:43Z',
      data: event_data,
      operator,
    };
    const res = await post('/webhooks/docker/harbor-main', cloudEvent, {
      'content-type': 'application/cloudevents+json',
      authorization: sources['harbor-main'].secret,
    });
    const content = {
      account: 'harbor',
      registry: 'harbor.example.com',
      repository: 'shop/api',
      tag: '1.4.0',
      digest,
    };
    expect(res.json()).toMatchObject({ eventProcessed: true, eventId: await dockerEventId(content) });
    const pulled = await post(
      '/webhooks/docker/harbor-main',
      { ...cloudEvent, type: 'harbor.artifact.pulled' },
      { authorization: sources['harbor-main'].secret },
    );
    expect(pulled.json()).toMatchObject({ eventProcessed: false });
  });

  it('takes Spinnaker docker event content as posted by a script', async () => {
    const content = { registry: 'harbor.example.com', repository: 'shop/api', tag: '2.0.0', digest };
    const res = await post('/webhooks/docker/harbor-main', content, {
      authorization: sources['harbor-main'].secret,
    });
    expect(res.json()).toMatchObject({
      eventProcessed: true,
      eventId: await dockerEventId({ account: 'harbor', ...content }),
    });
    const bad = await post(
      '/webhooks/docker/harbor-main',
      { repository: 'shop/api', tag: '' },
      { authorization: sources['harbor-main'].secret },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('tag');
  });

  it('a replayed notification carries the same event id (dropped downstream)', async () => {
    const headers = { authorization: `Bearer ${sources['harbor-main'].secret}` };
    const first = (await post('/webhooks/docker/harbor-main', harborPush('1.5.0'), headers)).json() as {
      eventId: string;
    };
    const again = (await post('/webhooks/docker/harbor-main', harborPush('1.5.0'), headers)).json() as {
      eventId: string;
    };
    expect(again.eventId).toBe(first.eventId);
  });

  it('ignores pushes by digest only, other Harbor event types, pulls and blob pushes', async () => {
    const headers = { 'x-webhook-secret': sources['harbor-main'].secret };
    const byDigest = await post('/webhooks/docker/harbor-main', harborPush(digest), headers);
    expect(byDigest.json()).toEqual({ eventProcessed: false, eventId: null, eventIds: [] });
    const deleted = await post(
      '/webhooks/docker/harbor-main',
      harborPush('1', { type: 'DELETE_ARTIFACT' }),
      headers,
    );
    expect(deleted.json()).toMatchObject({ eventProcessed: false });
    const envelope = {
      events: [
        {
          action: 'pull',
          target: {
            mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
            repository: 'a',
            tag: '1',
            digest,
          },
        },
        {
          action: 'push',
          target: { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', repository: 'a', digest },
        },
      ],
    };
    const res = await post('/webhooks/docker/local-registry', envelope, {
      'content-type': 'application/vnd.docker.distribution.events.v1+json',
      authorization: `Bearer ${sources['local-registry'].secret}`,
    });
    expect(res.json()).toMatchObject({ eventProcessed: false, eventIds: [] });
  });

  it('401 without the source secret; 400 with the field path for a malformed payload', async () => {
    expect((await post('/webhooks/docker/harbor-main', harborPush('1'))).statusCode).toBe(401);
    expect(
      (
        await post('/webhooks/docker/harbor-main', harborPush('1'), {
          authorization: 'Bearer nope-nope-nope',
        })
      ).statusCode,
    ).toBe(401);
    const headers = { authorization: sources['harbor-main'].secret };
    const bad = await post(
      '/webhooks/docker/harbor-main',
      { type: 'PUSH_ARTIFACT', event_data: { resources: [] } },
      headers,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('repository');
    const neither = await post('/webhooks/docker/harbor-main', { hello: 'world' }, headers);
    expect(neither.statusCode).toBe(400);
  });
});
