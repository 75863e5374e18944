import { ExecutionLiveEventSchema, LiveEventChannels, type EchoEvent } from '@genoa/shared';
import { createRedis, type Redis } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, wait } from '../__tests__/harness.js';
import { RedisLiveEventPublisher, toLiveEvent } from './redis-live-event-publisher.js';

const ExecutionMessage = z.object({ event: z.literal('execution'), data: ExecutionLiveEventSchema });

let server: RedisHandle;
let redis: Redis;
let subscriber: Redis;
beforeAll(async () => {
  server = await startRedis({ ignoreEnv: false });
  redis = createRedis(server.url, { name: 'orca-live-test' });
  subscriber = createRedis(server.url, { name: 'orca-live-test-sub' });
});
afterAll(async () => {
  redis.disconnect();
  subscriber.disconnect();
  await server.stop();
});

describe('RedisLiveEventPublisher', () => {
  it('publishes every execution, stage and task change of a run on the application channel, and still forwards to echo', async () => {
    const h = createHarness();
    const id = await h.start({ application: 'liveapp', stages: [wait('1'), wait('2', ['1'])] });
    await h.run({ advance: true });
    expect(h.events.length).toBeGreaterThan(6);

    const received: unknown[] = [];
    subscriber.on('message', (_channel: string, raw: string) => received.push(JSON.parse(raw)));
    await subscriber.subscribe(LiveEventChannels.application('LiveApp'));
    const forwarded: EchoEvent[] = [];
    const publisher = new RedisLiveEventPublisher(redis, { publish: async (e) => void forwarded.push(...e) });
    await publisher.publish(h.events);
    const deadline = Date.now() + 2_000;
    while (received.length < h.events.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));

    expect(forwarded).toEqual(h.events);
    const messages = received.map((m) => ExecutionMessage.parse(m));
    expect(messages.map((m) => m.data.type)).toEqual(h.events.map((e) => e.details.type));
    expect(messages.every((m) => m.data.application === 'liveapp')).toBe(true);
    expect(messages.every((m) => m.data.executionId === id)).toBe(true);
    const types = new Set(messages.map((m) => m.data.type));
    for (const t of [
      'orca:pipeline:starting',
      'orca:stage:starting',
      'orca:task:complete',
      'orca:pipeline:complete',
    ])
      expect(types).toContain(t);
    const last = messages.at(-1)!;
    expect(last.data).toMatchObject({
      type: 'orca:pipeline:complete',
      status: 'SUCCEEDED',
      executionType: 'PIPELINE',
    });
    const stageDone = messages.find((m) => m.data.type === 'orca:stage:complete')!;
    expect(stageDone.data.stageId).toBeTruthy();
  });

  it('skips events without an execution', () => {
    expect(
      toLiveEvent({
        details: { source: 'x', type: 'build', created: '1' },
        content: {},
        eventId: 'e',
      } as EchoEvent),
    ).toBeUndefined();
  });
});
