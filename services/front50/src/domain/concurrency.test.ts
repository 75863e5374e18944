import { describe, expect, it } from 'vitest';
import { changeKey, parseChangeKey } from './change-log.js';
import { mapLimit } from '@genoa/shared';
import { Coalescer, KeyedMutex } from './concurrency.js';
import { invertTs, KeyLayout } from './keys.js';

describe('Coalescer', () => {
  it('gives a caller arriving mid-run the next run, and shares that run among waiters', async () => {
    let runs = 0;
    let release: () => void = () => {};
    const coalescer = new Coalescer(async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    });
    const first = coalescer.run();
    const second = coalescer.run();
    const third = coalescer.run();
    expect(runs).toBe(1);
    release();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    release();
    await Promise.all([second, third]);
    expect(runs).toBe(2);
  });
});

describe('KeyedMutex and mapLimit', () => {
  it('serialises one key, keeps going after a failure, and bounds parallelism', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const slow = mutex.run('k', async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('a');
      throw new Error('a failed');
    });
    const next = mutex.run('K'.toLowerCase(), async () => order.push('b'));
    await expect(slow).rejects.toThrow('a failed');
    await next;
    expect(order).toEqual(['a', 'b']);
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
  });
});

describe('keys', () => {
  it("lays out Spinnaker's keys and Genoa's beside them", () => {
    const layout = new KeyLayout('/front50/');
    const type = { name: 'pipeline', group: 'pipelines', file: 'pipeline-metadata.json' } as never;
    expect(layout.objectKey(type, 'ABC')).toBe('front50/pipelines/abc/pipeline-metadata.json');
    expect(layout.idOfKey(type, 'front50/pipelines/abc/pipeline-metadata.json')).toBe('abc');
    expect(layout.idOfKey(type, 'front50/pipelines/last-modified.json')).toBeUndefined();
    expect(layout.lastModifiedKey(type)).toBe('front50/pipelines/last-modified.json');
    expect(invertTs(2) < invertTs(1)).toBe(true);
    const key = changeKey(layout.changePrefix(type), 1234, 'ab12', 'id~with:odd/chars', 'deadbeef');
    expect(parseChangeKey(layout.changePrefix(type), key)).toEqual({
      key,
      ts: 1234,
      id: 'id~with:odd/chars',
      expect: 'deadbeef',
    });
    expect(parseChangeKey(layout.changePrefix(type), `${layout.changePrefix(type)}junk`)).toBeUndefined();
  });
});
