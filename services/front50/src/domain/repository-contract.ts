import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger, systemClock, type ListOptions, type ObjectStore } from '../ports.js';
import { changeKey } from './change-log.js';
import { KeyLayout } from './keys.js';
import { defaultTuning } from './repository-options.js';
import { Front50Storage } from './storage.js';

/** Wraps a store and records every LIST prefix, to prove reads never list a whole type. */
export function countingStore(inner: ObjectStore): ObjectStore & { lists: string[]; gets: string[] } {
  const lists: string[] = [];
  const gets: string[] = [];
  return {
    lists,
    gets,
    get: (key) => {
      gets.push(key);
      return inner.get(key);
    },
    put: (key, body, metadata) => inner.put(key, body, metadata),
    delete: (key) => inner.delete(key),
    deleteMany: (keys) => inner.deleteMany(keys),
    list: (prefix: string, options?: ListOptions) => {
      lists.push(prefix);
      return inner.list(prefix, options);
    },
  };
}

const storageOn = (store: ObjectStore, historyMaxVersions = 50) =>
  new Front50Storage({
    ...defaultTuning,
    store,
    layout: new KeyLayout('front50'),
    clock: systemClock,
    logger: silentLogger,
    historyMaxVersions,
    writeSnapshots: false,
  });

/**
 * The storage-layer contract (front50's PipelineDAOSpec idea): the same behaviour on every
 * {@link ObjectStore} adapter. `make` returns a fresh, empty store each time.
 */
export function describeRepositoryContract(name: string, make: () => Promise<ObjectStore>): void {
  describe(`storage layer contract: ${name}`, () => {
    it("writes Spinnaker's key layout and last-modified.json", async () => {
      const store = await make();
      const { repos } = storageOn(store);
      await repos.pipeline.put(
        { id: 'P-1', application: 'app', name: 'deploy', stages: [] },
        { user: 'alice' },
      );
      await repos.application.put({ name: 'MYAPP', email: 'a@b.c' }, { user: 'alice' });
      const pipeline = await store.get('front50/pipelines/p-1/pipeline-metadata.json');
      expect(JSON.parse(pipeline!.body)).toMatchObject({
        id: 'P-1',
        name: 'deploy',
        lastModifiedBy: 'alice',
      });
      const app = await store.get('front50/applications/myapp/application-metadata.json');
      expect(JSON.parse(app!.body)).toMatchObject({ name: expect.stringMatching(/^myapp$/i) });
      await repos.pipeline.settled();
      const marker = JSON.parse((await store.get('front50/pipelines/last-modified.json'))!.body);
      expect(marker.lastModified).toBeGreaterThan(Date.now() - 60_000);
      const genoaKeys = (await store.list('front50/'))
        .map((k) => k.key)
        .filter((k) => !k.startsWith('front50/.genoa/'));
      expect(
        genoaKeys.every((k) => /^front50\/[\w-]+\/(last-modified\.json|[^/]+\/[\w-]+\.json)$/.test(k)),
      ).toBe(true);
    });

    it('serves a bucket written by Spinnaker (no Genoa metadata) after a warm-up', async () => {
      const store = await make();
      await store.put(
        'front50/applications/legacy/application-metadata.json',
        '{"name":"LEGACY","email":"x@y"}',
      );
      await store.put(
        'front50/pipelines/abc/pipeline-metadata.json',
        '{"id":"abc","application":"legacy","name":"p"}',
      );
      const storage = storageOn(store);
      await storage.warm();
      expect((await storage.repos.application.find('Legacy'))?.item.name).toBe('LEGACY');
      expect((await storage.repos.pipeline.inPartition('LEGACY')).map((e) => e.id)).toEqual(['abc']);
      expect(await storage.repos.pipeline.history('abc', 5)).toHaveLength(1);
    });

    it('makes a write acknowledged on one replica visible on another at once, without listing the type', async () => {
      const shared = await make();
      const a = storageOn(shared);
      const counting = countingStore(shared);
      const b = storageOn(counting);
      await b.warm();
      counting.lists.length = 0;
      await a.repos.pipeline.put({ id: 'p1', application: 'app', name: 'one', stages: [] }, { user: 'u' });
      expect((await b.repos.pipeline.inPartition('app')).map((e) => e.item.name)).toEqual(['one']);
      await a.repos.pipeline.put(
        { id: 'p1', application: 'app', name: 'renamed', stages: [] },
        { user: 'u' },
      );
      expect((await b.repos.pipeline.find('p1'))?.item.name).toBe('renamed');
      await a.repos.pipeline.remove('p1');
      expect(await b.repos.pipeline.find('p1')).toBeUndefined();
      expect(counting.lists.every((prefix) => prefix.startsWith('front50/.genoa/changes/'))).toBe(true);
    });

    it('keeps history newest first, honours limit and prunes beyond retention', async () => {
      const store = await make();
      const { repos } = storageOn(store, 3);
      for (let i = 1; i <= 5; i++) {
        await repos.pipeline.put({ id: 'h', application: 'app', name: `v${i}`, stages: [] }, { user: 'u' });
        await new Promise((r) => setTimeout(r, 2));
      }
      await repos.pipeline.settled();
      expect((await repos.pipeline.history('h', 10))!.map((v) => v.name)).toEqual(['v5', 'v4', 'v3']);
      expect((await repos.pipeline.history('h', 2))!.map((v) => v.name)).toEqual(['v5', 'v4']);
      expect(await store.list('front50/.genoa/history/pipelines/h/')).toHaveLength(3);
      expect(await repos.pipeline.history('missing', 5)).toBeUndefined();
    });

    it('ignores a history version whose write crashed before the commit', async () => {
      const store = await make();
      const { repos } = storageOn(store);
      await repos.pipeline.put({ id: 'c', application: 'app', name: 'committed', stages: [] }, { user: 'u' });
      // A crashed write left a newer version (and its change entry) but never wrote the object.
      const orphan = JSON.stringify({ id: 'c', application: 'app', name: 'crashed', stages: [] });
      await store.put(
        'front50/.genoa/history/pipelines/c/pipeline-metadata.json/0000000000000-dead.json',
        orphan,
      );
      const md5 = createHash('md5').update(orphan).digest('hex');
      await store.put(changeKey('front50/.genoa/changes/pipeline/', Date.now(), 'dead', 'c', md5), '');
      const reader = storageOn(store);
      await reader.warm();
      expect((await repos.pipeline.history('c', 5))!.map((v) => v.name)).toEqual(['committed']);
      expect((await reader.repos.pipeline.find('c'))?.item.name).toBe('committed');
    });

    it('shows an in-flight write once its object lands (pending change entries are re-checked)', async () => {
      const store = await make();
      const reader = storageOn(store);
      await reader.warm();
      const body = JSON.stringify({ id: 'late', application: 'app', name: 'late', stages: [] });
      const md5 = createHash('md5').update(body).digest('hex');
      await store.put(changeKey('front50/.genoa/changes/pipeline/', Date.now(), 'beef', 'late', md5), '');
      expect(await reader.repos.pipeline.find('late')).toBeUndefined();
      await store.put('front50/pipelines/late/pipeline-metadata.json', body);
      expect((await reader.repos.pipeline.find('late'))?.item.name).toBe('late');
    });

    it('starts from a recent snapshot plus the change log, re-reading only what changed since', async () => {
      const store = await make();
      const writer = storageOn(store);
      await writer.warm();
      for (const id of ['s1', 's2', 's3']) {
        await writer.repos.pipeline.put({ id, application: 'app', name: id, stages: [] }, { user: 'u' });
      }
      expect(await writer.repos.pipeline.snapshotIfChanged()).toBe(true);
      expect(await writer.repos.pipeline.snapshotIfChanged()).toBe(false);
      await writer.repos.pipeline.put(
        { id: 's2', application: 'app', name: 'changed', stages: [] },
        { user: 'u' },
      );
      await writer.repos.pipeline.remove('s3');
      await writer.repos.pipeline.put(
        { id: 's4', application: 'app', name: 'new', stages: [] },
        { user: 'u' },
      );
      const counting = countingStore(store);
      const reader = storageOn(counting);
      expect(await reader.repos.pipeline.warm()).toEqual({ fromSnapshot: 3, mode: 'replay' });
      expect(counting.lists.every((prefix) => prefix.startsWith('front50/.genoa/changes/'))).toBe(true);
      // Entries up to FRONT50_CHANGE_LOOKBACK_MS before the snapshot are re-checked too (s1 here).
      expect(counting.gets.filter((k) => k.endsWith('/pipeline-metadata.json')).sort()).toEqual(
        ['s1', 's2', 's3', 's4'].map((id) => `front50/pipelines/${id}/pipeline-metadata.json`),
      );
      const names = (await reader.repos.pipeline.inPartition('app')).map((e) => e.item.name).sort();
      expect(names).toEqual(['changed', 'new', 's1']);
    });

    it('picks up writes that bypass the change log on reconcile (a Spinnaker front50 on the same bucket)', async () => {
      const store = await make();
      const storage = storageOn(store);
      await storage.warm();
      await store.put(
        'front50/pipelines/foreign/pipeline-metadata.json',
        '{"id":"foreign","application":"app"}',
      );
      expect(await storage.repos.pipeline.find('foreign')).toBeUndefined();
      await storage.repos.pipeline.reconcile();
      expect((await storage.repos.pipeline.find('foreign'))?.item.id).toBe('foreign');
    });
  });
}
