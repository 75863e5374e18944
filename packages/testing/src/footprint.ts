/**
 * Memory of the local stack's processes, read from /proc (Linux): resident set size per process
 * and which part of the stack a process is (a service, redis-server, the S3 store).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in MiB (`VmRSS`), or undefined when it is gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** The pids of every descendant of `pid` (children, their children, …). */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift()!;
    for (const [child, parent] of parentOf)
      if (parent === current) {
        out.push(child);
        queue.push(child);
      }
  }
  return out;
}

/** What a stack process is, from its command line: a service name, `redis`, `s3`, or undefined. */
export function stackPartOf(pid: number): string | undefined {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
  // A service runs from its sources (`services/<name>/src/main.ts`) or, in the local stack, from
  // its bundle (`<state>/bundles/<name>.mjs`).
  const match = /services\/(\w+)\/(?:src|server)\/main\.ts|bundles\/(\w+)\.mjs/.exec(cmdline);
  const service = match?.[1] ?? match?.[2];
  if (service) return service;
  if (cmdline.startsWith('redis-server')) return 'redis';
  if (cmdline.includes('s3rver')) return 's3';
  return undefined;
}
