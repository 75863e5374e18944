import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dockerEvent, QueueName, type EchoEvent, type TaggedImage } from '@genoa/shared';
import { createLogger, createQueue, createRedis } from '@genoa/shared/node';
import { startRedis, type RedisHandle } from '@genoa/testing';
import type { Redis } from 'ioredis';
import { QueueEventPublisher } from '../adapters/echo-publisher.js';
import { RedisBuildStore } from '../adapters/build-store.js';
import type { DockerImageSource } from './docker-clouddriver.js';
import { dockerMonitor } from './docker-monitor.js';
import { DockerTagStore } from './docker-tag-store.js';
import { Poller } from './poller.js';

const logger = createLogger({ service: 'igor', level: 'silent' });
let server: RedisHandle;
let redis: Redis;
let publisher: QueueEventPublisher;

beforeAll(async () => {
  server = await startRedis({ ignoreEnv: true });
  redis = createRedis(server.url, { name: 'igor-docker-test' });
  publisher = new QueueEventPublisher(redis);
});
afterAll(async () => {
  await publisher.close();
  redis.disconnect();
  await server.stop();
});
beforeEach(async () => {
  await redis.flushall();
});

/** clouddriver as the monitor sees it: accounts and their tagged images, changed by the test. */
function registryView() {
  const images = new Map<string, TaggedImage[]>();
  let failing = false;
  const source: DockerImageSource = {
    accounts: async () => [...images.keys()],
    images: async (account) => {
      if (failing) throw new Error('clouddriver answered 503');
      return images.get(account) ?? [];
    },
  };
  const set = (account: string, list: [string, string, string?][]) =>
    images.set(
      account,
      list.map(([repository, tag, digest]) => ({ account, registry: 'reg:5000', repository, tag, digest })),
    );
  return { source, set, fail: (f: boolean) => (failing = f) };
}

async function queued(): Promise<EchoEvent[]> {
  const queue = createQueue<EchoEvent>(QueueName.echoEvents, redis);
  const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
  await queue.close();
  return jobs.map((j) => j.data);
}

function poller(source: DockerImageSource, threshold = 100) {
  const monitor = dockerMonitor({
    images: source,
    store: new DockerTagStore(redis),
    publisher,
    logger,
    threshold,
  });
  // A new lease owner per poll would be refused for the interval: one poller, 1 ms leases.
  return { monitor, poller: new Poller([monitor], new RedisBuildStore(redis), 1, logger) };
}

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('docker monitor (dockerTagMonitor)', () => {
  it('baselines silently, then sends one event per new tag and per re-pushed digest', async () => {
    const view = registryView();
    view.set('reg', [
      ['org/api', '1', d(1)],
      ['org/api', '2', d(2)],
    ]);
    const { poller: p } = poller(view.source);
    expect(await p.pollAll()).toEqual([expect.objectContaining({ status: 'committed', eventsSent: 0 })]);
    expect(await queued()).toEqual([]);

    view.set('reg', [
      ['org/api', '1', d(1)],
      ['org/api', '2', d(3)], // re-pushed with a new digest
      ['org/api', '3', d(4)], // new tag
    ]);
    const [second] = await p.pollAll();
    expect(second).toMatchObject({ status: 'committed', eventsSent: 2 });
    const events = await queued();
    expect(
      events.map((e) => [e.details.type, e.details.source, e.content.tag, e.content.digest]).sort(),
    ).toEqual([
      ['docker', 'igor', '2', d(3)],
      ['docker', 'igor', '3', d(4)],
    ]);
    expect(events.find((e) => e.content.tag === '3')!.content).toEqual({
      account: 'reg',
      registry: 'reg:5000',
      repository: 'org/api',
      tag: '3',
      digest: d(4),
    });

    // nothing changed: nothing sent
    expect((await p.pollAll())[0]).toMatchObject({ eventsSent: 0 });
    expect(await queued()).toHaveLength(2);
  });

  it('an account with an empty registry is baselined, so its first tag is announced', async () => {
    const view = registryView();
    view.set('empty', []);
    const { poller: p } = poller(view.source);
    await p.pollAll();
    view.set('empty', [['org/new', 'v1', d(5)]]);
    expect((await p.pollAll())[0]).toMatchObject({ eventsSent: 1 });
  });

  it('uses the push id: an event gate already enqueued for the same push is not enqueued twice', async () => {
    const view = registryView();
    view.set('reg', []);
    const { poller: p } = poller(view.source);
    await p.pollAll();
    const pushed = await dockerEvent(
      { account: 'reg', registry: 'reg:5000', repository: 'org/api', tag: '9', digest: d(9) },
      'registry-main',
    );
    await publisher.publish(pushed);
    view.set('reg', [['org/api', '9', d(9)]]);
    await p.pollAll();
    const events = await queued();
    expect(events).toHaveLength(1);
    expect(events[0]!.eventId).toBe(pushed.eventId);
  });

  it('a failing lookup moves no cursor; the change is announced once the registry answers again', async () => {
    const view = registryView();
    view.set('reg', [['org/api', '1', d(1)]]);
    const { poller: p } = poller(view.source);
    await p.pollAll();
    view.set('reg', [['org/api', '2', d(2)]]);
    view.fail(true);
    expect((await p.pollAll())[0]).toMatchObject({ status: 'failed', eventsSent: 0 });
    view.fail(false);
    expect((await p.pollAll())[0]).toMatchObject({ status: 'committed', eventsSent: 1 });
  });

  it('a crash after sending and before the cursor moved re-sends the same id, which the queue drops', async () => {
    const view = registryView();
    view.set('reg', []);
    const { poller: p } = poller(view.source);
    await p.pollAll();
    view.set('reg', [['org/api', '5', d(5)]]);
    let crash = true;
    const crashing = dockerMonitor({
      images: view.source,
      store: new DockerTagStore(redis),
      publisher: {
        publish: async (event) => {
          await publisher.publish(event);
          if (crash) throw new Error('killed after publishing');
        },
      },
      logger,
      threshold: 100,
    });
    const crashingPoller = new Poller([crashing], new RedisBuildStore(redis), 1, logger);
    await new Promise((r) => setTimeout(r, 10)); // the first poller's 1 ms lease has lapsed
    expect((await crashingPoller.pollAll())[0]).toMatchObject({ status: 'failed' });
    crash = false;
    // a restarted igor (new poller, same Redis) picks up where the cursor stayed
    expect((await crashingPoller.pollAll())[0]).toMatchObject({ status: 'committed', eventsSent: 1 });
    await new Promise((r) => setTimeout(r, 10));
    expect((await p.pollAll())[0]).toMatchObject({ eventsSent: 0 });
    expect((await queued()).map((e) => e.content.tag)).toEqual(['5']);
  });

  it('refuses a flood over the threshold; fast-forward accepts it without events', async () => {
    const view = registryView();
    view.set('reg', []);
    const { poller: p, monitor } = poller(view.source, 2);
    await p.pollAll();
    view.set(
      'reg',
      [1, 2, 3].map((n) => ['org/api', String(n), d(n)] as [string, string, string]),
    );
    expect((await p.pollAll())[0]).toMatchObject({ status: 'overThreshold' });
    expect(await p.pollPartition(monitor, 'reg', false)).toMatchObject({
      status: 'committed',
      eventsSent: 0,
    });
    expect((await p.pollAll())[0]).toMatchObject({ eventsSent: 0 });
    expect(await queued()).toEqual([]);
  });

  it('the event id is stable per account, repository, tag and digest', async () => {
    const base = { account: 'a', registry: 'r', repository: 'x', tag: '1', digest: d(1) };
    const one = await dockerEvent(base, 'igor');
    expect((await dockerEvent(base, 'gate')).eventId).toBe(one.eventId);
    expect(one.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await dockerEvent({ ...base, digest: d(2) }, 'igor')).eventId).not.toBe(one.eventId);
    expect((await dockerEvent({ ...base, tag: '2' }, 'igor')).eventId).not.toBe(one.eventId);
  });
});
