/** One allowed time range of a day (Spinnaker `restrictedExecutionWindow.whitelist[]`). */
export interface WindowRange {
  startHour?: number | null;
  startMin?: number | null;
  endHour?: number | null;
  endMin?: number | null;
}

/** An execution window: ranges and days (1 = Sunday … 7 = Saturday, Java Calendar numbering). */
export interface ExecutionWindow {
  whitelist?: WindowRange[] | null;
  days?: number[] | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Sun: 1, Mon: 2, Tue: 3, Wed: 4, Thu: 5, Fri: 6, Sat: 7 };

/** Day of week (1–7, Sunday = 1) and minute of day of `epochMs` in `timeZone`. */
export function localTime(epochMs: number, timeZone: string): { day: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return {
    day: weekdays[parts.weekday ?? 'Sun'] ?? 1,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * True if `minute` of the day falls in the range, its end minute included as Orca's
 * (`start ≤ now ≤ end`); ranges ending before they start wrap midnight.
 */
function inRange(minute: number, r: WindowRange): boolean {
  const start = (r.startHour ?? 0) * 60 + (r.startMin ?? 0);
  const end = (r.endHour ?? 24) * 60 + (r.endMin ?? 0);
  return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
}

/** True if the instant is inside the window. */
export function isInWindow(epochMs: number, window: ExecutionWindow, timeZone: string): boolean {
  const { day, minute } = localTime(epochMs, timeZone);
  const days = window.days ?? [];
  if (days.length > 0 && !days.includes(day)) return false;
  const ranges = window.whitelist ?? [];
  return ranges.length === 0 || ranges.some((r) => inRange(minute, r));
}

/**
 * The first instant at or after `now` inside the window (minute resolution, within 8 days), or
 * undefined if the window never opens. Outside the window it jumps to the next range start or
 * local midnight, less an hour (DST), then walks minute by minute.
 */
export function nextWindowStart(now: number, window: ExecutionWindow, timeZone: string): number | undefined {
  if (isInWindow(now, window, timeZone)) return now;
  const minute = 60_000;
  const end = now + 8 * 24 * 60 * minute;
  for (let t = Math.ceil(now / minute) * minute; t <= end;) {
    if (isInWindow(t, window, timeZone)) return t;
    const local = localTime(t, timeZone);
    const days = window.days ?? [];
    const starts = (window.whitelist ?? []).map((r) => (r.startHour ?? 0) * 60 + (r.startMin ?? 0));
    const todayOk = days.length === 0 || days.includes(local.day);
    const later = todayOk ? starts.filter((m) => m > local.minute) : [];
    const target = later.length > 0 ? Math.min(...later) : 24 * 60; // next start today, or midnight
    t += Math.max(1, target - local.minute - 60) * minute;
  }
  return undefined;
}
