import { describe, expect, it } from 'vitest';
import {
  CronExpressionError,
  javaHashCode,
  latestFireTimeIn,
  nextFireTime,
  parseQuartz,
} from './quartz-cron.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const next = (expr: string, from: string, tz = 'UTC', id = '') =>
  iso(nextFireTime(parseQuartz(expr, id), at(from), tz));

describe('Quartz cron', () => {
  it.each([
    ['0 0 12 * * ?', '2024-03-10T11:00:00Z', '2024-03-10T12:00:00.000Z'],
    ['0 0 12 * * ?', '2024-03-10T12:00:00Z', '2024-03-11T12:00:00.000Z'],
    ['*/15 * * * * ?', '2024-03-10T11:00:07Z', '2024-03-10T11:00:15.000Z'],
    ['0 30 9 ? * MON-FRI *', '2024-03-09T00:00:00Z', '2024-03-11T09:30:00.000Z'],
    ['0 0 0 1/2 * ? *', '2024-01-01T00:00:00Z', '2024-01-03T00:00:00.000Z'],
    ['0 15 0/2 1/1 * ? *', '2024-01-01T00:16:00Z', '2024-01-01T02:15:00.000Z'],
    ['0 0 10 L * ?', '2024-02-01T00:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['0 0 10 L-2 * ?', '2024-02-01T00:00:00Z', '2024-02-27T10:00:00.000Z'],
    ['0 0 10 LW * ?', '2024-08-01T00:00:00Z', '2024-08-30T10:00:00.000Z'],
    ['0 0 10 15W * ?', '2024-06-01T00:00:00Z', '2024-06-14T10:00:00.000Z'],
    ['0 0 10 1W * ?', '2024-06-01T00:00:00Z', '2024-06-03T10:00:00.000Z'],
    ['0 0 10 ? * 6L', '2024-03-01T00:00:00Z', '2024-03-29T10:00:00.000Z'],
    ['0 0 10 ? * 2#1', '2024-04-02T00:00:00Z', '2024-05-06T10:00:00.000Z'],
    ['0 0 10 ? * 1', '2024-03-05T00:00:00Z', '2024-03-10T10:00:00.000Z'],
    ['0 0 10 ? * FRI-MON', '2024-03-05T00:00:00Z', '2024-03-08T10:00:00.000Z'],
    ['0 0 0 1 1 ? 2030', '2024-03-05T00:00:00Z', '2030-01-01T00:00:00.000Z'],
    ['0 0 0 1 1 ? 2020', '2024-03-05T00:00:00Z', undefined],
  ])('%s after %s is %s', (expr, from, expected) => {
    expect(next(expr, from)).toBe(expected);
  });

  it('uses the configured time zone, across a DST change', () => {
    expect(next('0 0 9 * * ?', '2024-03-09T20:00:00Z', 'America/Los_Angeles')).toBe(
      '2024-03-10T16:00:00.000Z',
    );
    expect(next('0 0 9 * * ?', '2024-03-10T17:00:00Z', 'America/Los_Angeles')).toBe(
      '2024-03-11T16:00:00.000Z',
    );
  });

  it('replaces H with the trigger id hash, as Spinnaker does', () => {
    expect(javaHashCode('abc')).toBe(96354);
    const cron = parseQuartz('H H * * * ?', 'abc');
    expect(cron.seconds).toEqual([96354 % 60]);
    expect(cron.minutes).toEqual([96354 % 60]);
  });

  it.each(['0 0 12 * * *', '0 0 12 ? * ?', '0 0 25 * * ?', '* * *', '0 0 12 ? * MOO'])(
    'refuses %s',
    (expr) => {
      expect(() => parseQuartz(expr)).toThrow(CronExpressionError);
    },
  );

  it('finds only the latest missed tick of a window', () => {
    const cron = parseQuartz('0 * * * * ?');
    expect(iso(latestFireTimeIn(cron, at('2024-01-01T00:00:30Z'), at('2024-01-01T05:10:10Z'), 'UTC'))).toBe(
      '2024-01-01T05:10:00.000Z',
    );
    expect(
      latestFireTimeIn(cron, at('2024-01-01T00:00:30Z'), at('2024-01-01T00:00:50Z'), 'UTC'),
    ).toBeUndefined();
  });
});
