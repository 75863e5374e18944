import { LiveEventChannels, LiveEventMessageSchema } from '@genoa/shared';
import { createLogger, createRedis } from '@genoa/shared/node';
import { startRedis } from '@genoa/testing';
import { expect, it } from 'vitest';
import type { CachedObject } from '../domain/infrastructure.js';
import type { LiveCache } from './live-cache.js';
import { publishInfrastructureEvents } from './redis-live-event-publisher.js';

it('publishes one infrastructure event per changed object of an application, folding bursts', async () => {
  const server = await startRedis();
  const redis = createRedis(server.url, { name: 'cd-live-test' });
  const subscriber = createRedis(server.url, { name: 'cd-live-test-sub' });
  try {
    let emit: (change?: CachedObject) => void = () => undefined;
    const cache = { onChange: (l: typeof emit) => ((emit = l), () => undefined) } as unknown as LiveCache;
    const stop = publishInfrastructureEvents(cache, redis, createLogger({ service: 't', level: 'silent' }));
    const received: unknown[] = [];
    subscriber.on('message', (_c: string, raw: string) => received.push(JSON.parse(raw)));
    await subscriber.subscribe(LiveEventChannels.application('demo'));
    const rs = (replicas: number) => ({
      account: 'k8s',
      object: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: 'demo-v001',
          namespace: 'default',
          annotations: { 'moniker.spinnaker.io/application': 'demo' },
        },
        spec: { replicas },
      },
    });
    emit(rs(1));
    emit(rs(2));
    emit({ account: 'k8s', object: { kind: 'Pod', metadata: { name: 'stray', namespace: 'default' } } });
    emit(undefined);
    const deadline = Date.now() + 2_000;
    while (received.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 250));
    expect(received).toHaveLength(1);
    const message = LiveEventMessageSchema.parse(received[0]);
    expect(message).toMatchObject({
      event: 'infrastructure',
      data: {
        application: 'demo',
        account: 'k8s',
        namespace: 'default',
        kind: 'replicaSet',
        name: 'demo-v001',
      },
    });
    stop();
  } finally {
    redis.disconnect();
    subscriber.disconnect();
    await server.stop();
  }
});
