import { LiveEventChannels, LiveEventMessageSchema, type LiveEventMessage } from '@genoa/shared';
import { createRedis, type Redis } from '@genoa/shared/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../__fixtures__/harness.js';

let h: Harness;
let subscriber: Redis;
const received: LiveEventMessage[] = [];
beforeAll(async () => {
  h = await startHarness();
  subscriber = createRedis(h.redis.url, { name: 'cd-live-test-sub' });
  subscriber.on('message', (_c: string, raw: string) =>
    received.push(LiveEventMessageSchema.parse(JSON.parse(raw))),
  );
  await subscriber.subscribe(LiveEventChannels.application('shop'));
});
afterAll(async () => {
  subscriber?.disconnect();
  await h?.stop();
});

it('publishes infrastructure events of an application when its objects change in the cluster (real informers)', async () => {
  const started = Date.now();
  await h.ok([
    {
      deployManifest: {
        account: 'local',
        cloudProvider: 'kubernetes',
        moniker: { app: 'shop' },
        source: 'text',
        manifests: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name: 'cart' },
            spec: {
              replicas: 2,
              selector: { matchLabels: { app: 'cart' } },
              template: {
                metadata: { labels: { app: 'cart' } },
                spec: { containers: [{ name: 'main', image: 'org/cart:1' }] },
              },
            },
          },
        ],
      },
    },
  ]);
  const rs = await waitFor(() =>
    received.find(
      (m) => m.event === 'infrastructure' && m.data.kind === 'replicaSet' && m.data.name === 'cart-v000',
    ),
  );
  expect(rs.data).toMatchObject({ application: 'shop', account: 'local', namespace: 'default' });
  expect(rs.data.timestamp).toBeGreaterThanOrEqual(started);
  // Its pods carry the template's moniker, so they are reported too.
  const pod = await waitFor(() =>
    received.find((m) => m.event === 'infrastructure' && m.data.kind === 'pod'),
  );
  expect(pod.data).toMatchObject({ application: 'shop', account: 'local', namespace: 'default' });
});
