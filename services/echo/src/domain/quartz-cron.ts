/**
 * Quartz cron expressions (Spinnaker's cron triggers, edge.md §4.7): 6 or 7 fields — seconds,
 * minutes, hours, day-of-month, day-of-week, month, optional year — with `?`, `L`, `L-n`, `LW`, `nW`,
 * `nL`, `n#k`, names (JAN, MON), and the `H` hash token in seconds/minutes/hours. Day-of-week runs
 * 1 (SUN) to 7 (SAT) as in Quartz, unlike Unix cron.
 */

/** A Quartz expression the parser refused, with the reason. */
export class CronExpressionError extends Error {
  override name = 'CronExpressionError';
}

/** A parsed expression. */
export interface QuartzCron {
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: number[];
  years: number[] | null;
  dom: DaySpec | null;
  dow: DaySpec | null;
}

type DaySpec =
  | { kind: 'set'; values: Set<number> }
  | { kind: 'last'; offset: number }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number }
  | { kind: 'lastDow'; dow: number }
  | { kind: 'nthDow'; dow: number; nth: number };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Java's `String.hashCode`, which Spinnaker's `H` token uses. */
export function javaHashCode(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

function number(text: string, min: number, max: number, names: string[] | null, field: string): number {
  const upper = text.toUpperCase();
  const named = names ? names.indexOf(upper) : -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new CronExpressionError(`${field}: '${text}' is not a value between ${min} and ${max}`);
  return value;
}

function values(text: string, min: number, max: number, names: string[] | null, field: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : number(stepText, 1, max, null, field);
    let from = min;
    let to = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-') as [string, string | undefined];
      from = number(a, min, max, names, field);
      to = b === undefined ? (stepText === undefined ? from : max) : number(b, min, max, names, field);
    }
    if (to < from) {
      // Quartz wraps ranges such as FRI-MON or 22-2.
      const total = max - from + 1 + (to - min + 1);
      for (let o = 0; o < total; o += step) out.add(from + o > max ? min + (from + o - max - 1) : from + o);
    } else for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

function domSpec(text: string): DaySpec | null {
  if (text === '?') return null;
  if (text === 'L') return { kind: 'last', offset: 0 };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const lastOffset = /^L-(\d+)$/.exec(text);
  if (lastOffset) return { kind: 'last', offset: number(lastOffset[1]!, 0, 30, null, 'day-of-month') };
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) return { kind: 'nearestWeekday', day: number(weekday[1]!, 1, 31, null, 'day-of-month') };
  return { kind: 'set', values: new Set(values(text, 1, 31, null, 'day-of-month')) };
}

function dowSpec(text: string): DaySpec | null {
  if (text === '?') return null;
  if (text.toUpperCase() === 'L') return { kind: 'set', values: new Set([7]) };
  const last = /^(\w+)L$/i.exec(text);
  if (last) return { kind: 'lastDow', dow: number(last[1]!, 1, 7, DAYS, 'day-of-week') };
  const nth = /^(\w+)#(\d)$/.exec(text);
  if (nth)
    return {
      kind: 'nthDow',
      dow: number(nth[1]!, 1, 7, DAYS, 'day-of-week'),
      nth: number(nth[2]!, 1, 5, null, 'day-of-week'),
    };
  return { kind: 'set', values: new Set(values(text, 1, 7, DAYS, 'day-of-week')) };
}

/** Parses a Quartz expression; `triggerId` feeds the `H` token (Spinnaker's fuzzer). */
export function parseQuartz(expression: string, triggerId = ''): QuartzCron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7)
    throw new CronExpressionError(
      `expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got ${fields.length}`,
    );
  const hash = Math.abs(javaHashCode(triggerId));
  const fuzz = (text: string, mod: number) => text.replace(/H/g, String(hash % mod));
  const [s, mi, h, dom, mo, dow, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if ((dom === '?') === (dow === '?'))
    throw new CronExpressionError("exactly one of day-of-month and day-of-week must be '?'");
  return {
    seconds: values(fuzz(s, 60), 0, 59, null, 'seconds'),
    minutes: values(fuzz(mi, 60), 0, 59, null, 'minutes'),
    hours: values(fuzz(h, 24), 0, 23, null, 'hours'),
    dom: domSpec(dom.toUpperCase()),
    months: values(mo, 1, 12, MONTHS, 'month'),
    dow: dowSpec(dow),
    years: year === undefined || year === '*' ? null : values(year, 1970, 2199, null, 'year'),
  };
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dowOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;

function dayMatches(spec: DaySpec, y: number, m: number, d: number): boolean {
  const last = daysIn(y, m);
  switch (spec.kind) {
    case 'set':
      return spec.values.has(d);
    case 'last':
      return d === last - spec.offset;
    case 'lastWeekday': {
      let day = last;
      while (dowOf(y, m, day) === 1 || dowOf(y, m, day) === 7) day -= 1;
      return d === day;
    }
    case 'nearestWeekday': {
      const target = Math.min(spec.day, last);
      const w = dowOf(y, m, target);
      let day = target;
      if (w === 7) day = target === 1 ? 3 : target - 1;
      else if (w === 1) day = target === last ? target - 2 : target + 1;
      return d === day;
    }
    case 'lastDow':
      return dowOf(y, m, d) === spec.dow && d + 7 > last;
    case 'nthDow':
      return dowOf(y, m, d) === spec.dow && Math.ceil(d / 7) === spec.nth;
  }
}

function dayOk(cron: QuartzCron, y: number, m: number, d: number): boolean {
  if (cron.dom) return dayMatches(cron.dom, y, m, d);
  if (cron.dow) {
    if (cron.dow.kind === 'set') return cron.dow.values.has(dowOf(y, m, d));
    return dayMatches(cron.dow, y, m, d);
  }
  return true;
}

/** Wall-clock fields in a time zone. */
interface Local {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function toLocal(ms: number, timeZone: string): Local {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}
const asUtc = (t: Local) => Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s);
function toUtc(t: Local, timeZone: string): number {
  const guess = asUtc(t);
  const offset = asUtc(toLocal(guess, timeZone)) - guess;
  let utc = guess - offset;
  const offset2 = asUtc(toLocal(utc, timeZone)) - utc;
  if (offset2 !== offset) utc = guess - offset2;
  return utc;
}
/** Normalises overflowing fields (second 60 → next minute …) with UTC calendar arithmetic. */
function norm(y: number, mo: number, d: number, h: number, mi: number, s: number): Local {
  const x = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return {
    y: x.getUTCFullYear(),
    mo: x.getUTCMonth() + 1,
    d: x.getUTCDate(),
    h: x.getUTCHours(),
    mi: x.getUTCMinutes(),
    s: x.getUTCSeconds(),
  };
}
const firstAtLeast = (list: readonly number[], v: number) => list.find((x) => x >= v);

/** The first fire time strictly after `afterMs` (epoch ms) in `timeZone`, or undefined if none. */
export function nextFireTime(cron: QuartzCron, afterMs: number, timeZone: string): number | undefined {
  let t = toLocal(Math.floor(afterMs / 1000) * 1000 + 1000, timeZone);
  const lastYear = (cron.years?.at(-1) ?? t.y + 100) + 1;
  for (let guard = 0; guard < 200_000; guard += 1) {
    if (t.y >= lastYear) return undefined;
    if (cron.years && !cron.years.includes(t.y)) {
      const y = firstAtLeast(cron.years, t.y);
      if (y === undefined) return undefined;
      t = { y, mo: 1, d: 1, h: 0, mi: 0, s: 0 };
      continue;
    }
    const mo = firstAtLeast(cron.months, t.mo);
    if (mo === undefined) t = { y: t.y + 1, mo: 1, d: 1, h: 0, mi: 0, s: 0 };
    else if (mo !== t.mo) t = { y: t.y, mo, d: 1, h: 0, mi: 0, s: 0 };
    else if (!dayOk(cron, t.y, t.mo, t.d)) t = norm(t.y, t.mo, t.d + 1, 0, 0, 0);
    else {
      const h = firstAtLeast(cron.hours, t.h);
      if (h === undefined) t = norm(t.y, t.mo, t.d + 1, 0, 0, 0);
      else if (h !== t.h) t = { ...t, h, mi: 0, s: 0 };
      else {
        const mi = firstAtLeast(cron.minutes, t.mi);
        if (mi === undefined) t = norm(t.y, t.mo, t.d, t.h + 1, 0, 0);
        else if (mi !== t.mi) t = { ...t, mi, s: 0 };
        else {
          const s = firstAtLeast(cron.seconds, t.s);
          if (s === undefined) t = norm(t.y, t.mo, t.d, t.h, t.mi + 1, 0);
          else if (s !== t.s) t = { ...t, s };
          else {
            const utc = toUtc(t, timeZone);
            if (utc > afterMs) return utc;
            t = norm(t.y, t.mo, t.d, t.h, t.mi, t.s + 1);
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * The latest fire time in `(fromMs, toMs]`, or undefined. Used to fire at most one missed tick
 * after downtime (never a catch-up storm).
 */
export function latestFireTimeIn(
  cron: QuartzCron,
  fromMs: number,
  toMs: number,
  timeZone: string,
): number | undefined {
  let latest: number | undefined;
  let t = nextFireTime(cron, fromMs, timeZone);
  for (let i = 0; t !== undefined && t <= toMs && i < 100_000; i += 1) {
    latest = t;
    t = nextFireTime(cron, t, timeZone);
  }
  return latest;
}
