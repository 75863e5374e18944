/**
 * Does memory plateau? The soak's samples split in thirds: the first third is warm-up; the mean
 * of the last third is compared with the mean of the middle third. Growth within the tolerance is
 * a plateau. The error rate (failed calls ÷ calls) is compared the same way.
 */

/** One soak sample. */
export interface Sample {
  /** Seconds since the load began. */
  t: number;
  /** MiB per series: each service's RSS, and `redis` (used_memory). */
  memory: Record<string, number>;
  /** Executions orca keeps. */
  executions: number;
  /** Redis keys per prefix (the key up to its second `:`), to see what grows. */
  keys?: Record<string, number>;
  /** Calls of the load that succeeded / failed in this interval. */
  ok: number;
  failed: number;
}

/** The verdict of one memory series. */
export interface SeriesVerdict {
  series: string;
  middle: number;
  last: number;
  /** (last − middle) ÷ middle */
  growth: number;
  /** The growth allowed: the tolerance of the middle mean, or the slack if larger (MiB). */
  allowed: number;
  plateaus: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The middle and last thirds of a list (the first third is dropped as warm-up). */
export function thirds<T>(xs: T[]): { middle: T[]; last: T[] } {
  const third = Math.floor(xs.length / 3);
  return { middle: xs.slice(third, xs.length - third), last: xs.slice(xs.length - third) };
}

/** Judges every memory series and the error rate of the samples. */
export function plateau(
  samples: Sample[],
  tolerance: number,
  slackMb = 0,
): { memory: SeriesVerdict[]; errors: { middle: number; last: number } } {
  if (samples.length < 3) throw new Error('need at least 3 samples to judge a plateau');
  const { middle, last } = thirds(samples);
  const series = Object.keys(samples[0]!.memory);
  const memory = series.map((name) => {
    const m = mean(middle.map((s) => s.memory[name]!));
    const l = mean(last.map((s) => s.memory[name]!));
    const allowed = Math.max(tolerance * m, slackMb);
    return { series: name, middle: m, last: l, growth: (l - m) / m, allowed, plateaus: l - m <= allowed };
  });
  const rate = (xs: Sample[]) => {
    const calls = xs.reduce((n, s) => n + s.ok + s.failed, 0);
    return calls === 0 ? 0 : xs.reduce((n, s) => n + s.failed, 0) / calls;
  };
  return { memory, errors: { middle: rate(middle), last: rate(last) } };
}
