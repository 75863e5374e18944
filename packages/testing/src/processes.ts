import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Child processes that tests start (redis-server, the S3 server). Each is killed when its handle
 * stops, when the test process exits, and — for processes orphaned by a killed worker — by
 * {@link sweepOrphans}, which vitest's global teardown calls. A pid file per child makes that
 * sweep possible.
 */
const registryDir = join(tmpdir(), 'genoa-test-processes');
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** A started child process with a way to stop it for good. */
export interface ManagedProcess {
  readonly child: ChildProcess;
  /** Recent output (stdout and stderr, last 16 KiB), for assertions and error messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `command` as a tracked child; its stdout/stderr are kept (last 16 KiB) for diagnostics. */
export function spawnManaged(command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
  installExitHook();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  live.add(child);
  const pidFile = child.pid ? join(registryDir, String(child.pid)) : undefined;
  if (pidFile) {
    mkdirSync(registryDir, { recursive: true });
    writeFileSync(pidFile, `${process.pid}\n${command}\n`);
  }
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  exited.then(() => {
    live.delete(child);
    if (pidFile) rmSync(pidFile, { force: true });
  });
  return {
    child,
    output: () => tail,
    exited,
    async stop(graceMs = 3000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Polls `GET url` until it answers 200; throws with the process output if `process` exits first
 * or `timeoutMs` passes.
 */
export async function waitForHealthy(
  url: string,
  process: ManagedProcess,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void process.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${url} did not answer 200 ${exited ? '(the process exited)' : `within ${timeoutMs} ms`}:\n${process.output()}`,
  );
}

/**
 * Kills children recorded by test processes that are gone (a worker killed mid-test leaves its
 * redis-server behind otherwise). Returns how many it killed.
 */
export function sweepOrphans(): number {
  let killed = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(registryDir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const pid = Number(name);
    const file = join(registryDir, name);
    try {
      const owner = Number(readFileSync(file, 'utf8').split('\n')[0]);
      if (owner && owner !== process.pid && isAlive(owner)) continue;
      if (isAlive(pid)) {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      }
    } catch {
      // already gone
    }
    rmSync(file, { force: true });
  }
  return killed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
