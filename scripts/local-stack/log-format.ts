/**
 * Formats a service's output line for the local stack's terminal: pino JSON becomes
 * `10:21:03.123 INFO  [gate] service started url=http://…`; anything else is prefixed as is.
 */
const levels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const colors: Record<string, string> = {
  deck: '35',
  gate: '36',
  orca: '33',
  clouddriver: '34',
  front50: '32',
  echo: '95',
  igor: '94',
  redis: '90',
  s3: '90',
  kube: '90',
};
const omitted = new Set(['level', 'time', 'service', 'version', 'msg', 'pid', 'hostname']);

/** One formatted line (no trailing newline) for `line` written by `name`. */
export function formatLine(name: string, line: string, color: boolean): string {
  const tag = color ? `\x1b[${colors[name] ?? '37'}m[${name}]\x1b[0m` : `[${name}]`;
  if (!line.startsWith('{')) return `${tag} ${line}`;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${tag} ${line}`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = levels[Number(entry.level)] ?? 'INFO ';
  const fields = Object.entries(entry)
    .filter(([k]) => !omitted.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const levelText = color && Number(entry.level) >= 50 ? `\x1b[31m${level}\x1b[0m` : level;
  return `${time} ${levelText} ${tag} ${String(entry.msg ?? '')}${fields ? ` ${fields}` : ''}`;
}

/** Splits a byte stream into lines and calls `onLine` for each complete one. */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  };
}
