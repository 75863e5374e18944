import { describe, expect, it } from 'vitest';
import { MemoryObjectStore } from '../adapters/memory-object-store.js';
import { silentLogger, systemClock, type ObjectStore } from '../ports.js';
import { KeyLayout } from './keys.js';
import { defaultTuning } from './repository-options.js';
import { Front50Storage } from './storage.js';

/** A store that dies (every call fails) once `puts` PUTs have succeeded: a crash at that step. */
function dyingAfter(inner: MemoryObjectStore, puts: number): ObjectStore {
  let left = puts;
  return {
    get: (k) => inner.get(k),
    list: (p, o) => inner.list(p, o),
    delete: (k) => inner.delete(k),
    deleteMany: (k) => inner.deleteMany(k),
    put: async (k, b, m) => {
      if (left-- <= 0) throw Object.assign(new Error('crash'), { code: 'SERVICE_UNAVAILABLE' });
      return inner.put(k, b, m);
    },
  };
}

const storageOn = (store: ObjectStore) =>
  new Front50Storage({
    ...defaultTuning,
    store,
    layout: new KeyLayout('front50'),
    clock: systemClock,
    logger: silentLogger,
    writeSnapshots: false,
  });

describe('a write interrupted at any step', () => {
  // PUT order of one save: history version, change entry, object, last-modified.json.
  it.each([0, 1, 2, 3])('after %i PUTs leaves object, history and index in agreement', async (puts) => {
    const memory = new MemoryObjectStore();
    const setup = storageOn(memory);
    await setup.repos.pipeline.put({ id: 'p', application: 'a', name: 'old', stages: [] }, { user: 'u' });
    const other = storageOn(memory);
    await other.warm();

    await new Promise((r) => setTimeout(r, 3)); // another replica, a few ms later
    const crashing = storageOn(dyingAfter(memory, puts));
    await crashing.warm();
    await crashing.repos.pipeline
      .put({ id: 'p', application: 'a', name: 'new', stages: [] }, { user: 'u' })
      .catch(() => undefined);

    const committed = puts >= 3;
    const expected = committed ? 'new' : 'old';
    const restarted = storageOn(memory);
    await restarted.warm();
    expect((await restarted.repos.pipeline.find('p'))?.item.name).toBe(expected);
    expect((await other.repos.pipeline.find('p'))?.item.name).toBe(expected);
    const history = await restarted.repos.pipeline.history('p', 10);
    expect(history?.[0]?.name).toBe(expected);
    expect(history?.map((v) => v.name)).toEqual(committed ? ['new', 'old'] : ['old']);
  });
});
