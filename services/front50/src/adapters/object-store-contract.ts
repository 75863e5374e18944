import { createHash } from 'node:crypto';
import { errorCodeOf } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../ports.js';

/** A store under test and a way to make it unreachable (and reachable again). */
export interface StoreUnderTest {
  store: ObjectStore;
  outage?: { begin(): Promise<void>; end(): Promise<void> };
}

/**
 * The {@link ObjectStore} contract, run against every adapter (the keiko-tck / PipelineDAOSpec
 * pattern): the memory adapter in unit tests, the S3 adapter against a real S3 server.
 */
export function describeObjectStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it('returns undefined for a missing key and the body, MD5 ETag and metadata of a stored one', async () => {
      const { store } = await make();
      expect(await store.get('a/missing.json')).toBeUndefined();
      const body = JSON.stringify({ hello: 'wörld' });
      const { etag } = await store.put('a/b/object.json', body, { 'genoa-version': 'v1' });
      expect(etag).toBe(createHash('md5').update(body).digest('hex'));
      const found = await store.get('a/b/object.json');
      expect(found?.body).toBe(body);
      expect(found?.etag).toBe(etag);
      expect(found?.metadata['genoa-version']).toBe('v1');
      expect(found?.lastModified).toBeGreaterThan(Date.now() - 120_000);
    });

    it('lists keys under a prefix in ascending order, after a key, up to a limit', async () => {
      const { store } = await make();
      for (const k of ['p/3', 'p/1', 'p/2', 'q/1', 'p/10']) await store.put(k, k);
      expect((await store.list('p/')).map((k) => k.key)).toEqual(['p/1', 'p/10', 'p/2', 'p/3']);
      expect((await store.list('p/', { startAfter: 'p/10' })).map((k) => k.key)).toEqual(['p/2', 'p/3']);
      expect((await store.list('p/', { limit: 2 })).map((k) => k.key)).toEqual(['p/1', 'p/10']);
      const listed = await store.list('q/');
      expect(listed[0]?.etag).toBe(createHash('md5').update('q/1').digest('hex'));
    });

    it('deletes one key or many, and deleting a missing key succeeds', async () => {
      const { store } = await make();
      for (const k of ['d/1', 'd/2', 'd/3']) await store.put(k, '{}');
      await store.delete('d/1');
      await store.delete('d/never');
      await store.deleteMany(['d/2', 'd/3', 'd/none']);
      expect(await store.list('d/')).toEqual([]);
    });

    it('fails with SERVICE_UNAVAILABLE while the store is unreachable, and works again after', async () => {
      const { store, outage } = await make();
      if (!outage) throw new Error('this adapter must offer an outage switch');
      await store.put('o/1', '{"a":1}');
      await outage.begin();
      const failure = await store.get('o/1').catch((err: unknown) => err);
      expect(errorCodeOf(failure)).toBe('SERVICE_UNAVAILABLE');
      expect((failure as Error).message).toMatch(/S3 is unavailable|unreachable/);
      await outage.end();
      expect((await store.get('o/1'))?.body).toBe('{"a":1}');
    });
  });
}
