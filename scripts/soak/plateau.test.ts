import { describe, expect, it } from 'vitest';
import { plateau, thirds, type Sample } from './plateau.js';

const sample = (t: number, orca: number, redis: number, failed = 0): Sample => ({
  t,
  memory: { orca, redis },
  executions: 0,
  ok: 10,
  failed,
});

describe('soak plateau verdict', () => {
  it('drops the first third as warm-up and compares the last third with the middle', () => {
    expect(thirds([1, 2, 3, 4, 5, 6, 7])).toEqual({ middle: [3, 4, 5], last: [6, 7] });
  });

  it('passes memory that grew during warm-up and then stayed flat, fails memory that keeps growing', () => {
    const samples = [
      sample(10, 60, 2),
      sample(20, 90, 3),
      sample(30, 100, 4),
      sample(40, 101, 6),
      sample(50, 100, 8),
      sample(60, 102, 10),
    ];
    const verdict = plateau(samples, 0.1);
    const orca = verdict.memory.find((m) => m.series === 'orca')!;
    const redis = verdict.memory.find((m) => m.series === 'redis')!;
    expect(orca.plateaus).toBe(true);
    expect(orca.growth).toBeCloseTo((101 - 100.5) / 100.5, 5);
    expect(redis.plateaus).toBe(false);
    expect(redis.growth).toBeCloseTo((9 - 5) / 5, 5);
    // A few MiB of slack: small series are not judged by percentages of almost nothing.
    const slack = plateau(samples, 0.1, 5).memory.find((m) => m.series === 'redis')!;
    expect(slack).toMatchObject({ allowed: 5, plateaus: true });
  });

  it('reports the error rate of the middle and last thirds', () => {
    const samples = [sample(1, 1, 1, 5), sample(2, 1, 1, 0), sample(3, 1, 1, 10), sample(4, 1, 1, 0)];
    expect(plateau(samples, 0.1).errors).toEqual({ middle: 10 / 30, last: 0 });
  });
});
