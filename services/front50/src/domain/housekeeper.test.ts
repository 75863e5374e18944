import { describe, expect, it } from 'vitest';
import { Housekeeper } from './housekeeper.js';

describe('Housekeeper', () => {
  it('runs once for a burst of writes, with every id and the latest timestamp', async () => {
    const runs: [string[], number][] = [];
    const keeper = new Housekeeper(20, async (ids, ts) => {
      runs.push([ids.sort(), ts]);
    });
    keeper.note('a', 1);
    keeper.note('b', 3);
    keeper.note(undefined, 2);
    expect(runs).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toEqual([[['a', 'b'], 3]]);
  });

  it('settled() flushes at once and waits for a flush already running', async () => {
    let release: () => void = () => {};
    const runs: string[][] = [];
    const keeper = new Housekeeper(10_000, async (ids) => {
      runs.push(ids);
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
    });
    keeper.note('a', 1);
    const first = keeper.flush();
    keeper.note('b', 2);
    const settled = keeper.settled();
    release();
    await Promise.all([first, settled]);
    expect(runs).toEqual([['a'], ['b']]);
  });
});
