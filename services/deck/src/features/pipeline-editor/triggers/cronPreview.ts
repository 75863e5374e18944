import type { CronVerdict } from '../../../api/cron.js';
/** A cron expression explained, or why it is not valid. */
export type CronPreview = { valid: true; text: string } | { valid: false; message: string };

const dayNames: Record<string, string> = {
  '1': 'Sunday',
  '2': 'Monday',
  '3': 'Tuesday',
  '4': 'Wednesday',
  '5': 'Thursday',
  '6': 'Friday',
  '7': 'Saturday',
  SUN: 'Sunday',
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
};
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthKeys = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const fieldPattern =
  /^(?:\*|\?|[0-9A-Z]+(?:-[0-9A-Z]+)?(?:\/\d+)?|\*\/\d+|H(?:\(\d+-\d+\))?(?:\/\d+)?|L|LW|\d+[LW#]\d*)(?:,[0-9A-Z]+(?:-[0-9A-Z]+)?)*$/;
const isAny = (f: string) => f === '*' || f === '?';
const isNumber = (f: string) => /^\d+$/.test(f);
const pad = (n: string) => n.padStart(2, '0');
const day = (d: string) => dayNames[d] ?? d;
const month = (m: string) =>
  (isNumber(m) ? monthNames[Number(m) - 1] : monthNames[monthKeys.indexOf(m)]) ?? m;
const list = (f: string, name: (v: string) => string) =>
  f
    .split(',')
    .map((part) => (part.includes('-') ? part.split('-').map(name).join(' through ') : name(part)))
    .join(', ');

function every(field: string, unit: string): string | undefined {
  const step = /^(?:\*|0|H)\/(\d+)$/.exec(field);
  return step ? `every ${step[1]} ${unit}${step[1] === '1' ? '' : 's'}` : undefined;
}

/**
 * Explains a Quartz cron expression as echo runs them (6 or 7 fields: seconds minutes hours
 * day-of-month month day-of-week [year]), e.g. `0 0 12 ? * MON-FRI` → "At 12:00, Monday through
 * Friday". Uncommon forms get a field-by-field reading; gate's `/cron/validate` has the last word.
 */
export function describeCron(expression: string): CronPreview {
  const fields = expression.trim().toUpperCase().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    return {
      valid: false,
      message: `A cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]); this one has ${fields[0] === '' ? 0 : fields.length}.`,
    };
  }
  const names = ['seconds', 'minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'];
  for (const [i, f] of fields.entries()) {
    if (!fieldPattern.test(f)) return { valid: false, message: `The ${names[i]} field "${f}" is not valid.` };
  }
  const [sec = '0', min = '0', hour = '0', dom = '*', mon = '*', dow = '?', year] = fields;
  if (!isAny(dom) && !isAny(dow)) {
    return { valid: false, message: 'Set day-of-month or day-of-week, not both (use ? in the other).' };
  }
  let time: string;
  if (isNumber(sec) && isNumber(min) && isNumber(hour)) {
    time = `At ${pad(hour)}:${pad(min)}${sec === '0' ? '' : `:${pad(sec)}`}`;
  } else if (isNumber(sec) && every(min, 'minute') && isAny(hour)) {
    time = `Every ${every(min, 'minute')?.slice(6)}`;
  } else if (isNumber(sec) && isNumber(min) && every(hour, 'hour')) {
    time = `At minute ${min} ${every(hour, 'hour')}`;
  } else if (isNumber(sec) && isNumber(min) && isAny(hour)) {
    time = `At minute ${min} of every hour`;
  } else if (isNumber(sec) && isAny(min) && isAny(hour)) {
    time = 'Every minute';
  } else if (every(sec, 'second') && isAny(min) && isAny(hour)) {
    time = `Every ${every(sec, 'second')?.slice(6)}`;
  } else {
    time = `At second ${sec}, minute ${min}, hour ${hour}`;
  }
  const parts = [time];
  if (!isAny(dow)) parts.push(dow.includes('#') ? `on day-of-week ${dow}` : list(dow, day));
  else if (dom === 'L') parts.push('on the last day of the month');
  else if (!isAny(dom)) parts.push(`on day ${list(dom, (d) => d)} of the month`);
  else parts.push('every day');
  if (!isAny(mon)) parts.push(`in ${list(mon, month)}`);
  if (year && !isAny(year)) parts.push(`in ${year}`);
  return { valid: true, text: parts.join(', ') };
}

/** What the field shows: gate's verdict when it answered for this expression, else the browser's preview. */
export function cronFeedback(
  expression: string,
  server: { expression: string; verdict: CronVerdict } | undefined,
): { valid: true; text: string } | { valid: false; message: string } {
  const local = describeCron(expression);
  if (server?.expression !== expression) return local;
  if (!server.verdict.valid) return { valid: false, message: server.verdict.message };
  // echo's description when it sends one; the browser's wording otherwise
  return { valid: true, text: server.verdict.description || (local.valid ? local.text : expression) };
}
