import { spawn, type ChildProcess } from 'node:child_process';
import { formatLine, lineSplitter } from './log-format.js';

/** A service process the local stack started. */
export interface RunningService {
  name: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves when gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for {@link startProcess}. */
export interface StartProcessOptions {
  name: string;
  port: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  color: boolean;
  write: (line: string) => void;
}

/**
 * Starts one service in its own process group (so a terminal Ctrl-C reaches only the launcher,
 * which then stops services in reverse dependency order), with its output formatted and prefixed.
 */
export function startProcess(options: StartProcessOptions): RunningService {
  const child = spawn(options.argv[0]!, options.argv.slice(1), {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const print = lineSplitter((line) => options.write(formatLine(options.name, line, options.color)));
  child.stdout?.on('data', print);
  child.stderr?.on('data', print);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    name: options.name,
    port: options.port,
    child,
    exited,
    async stop(graceMs = 6_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `GET url` until it answers 200; rejects when `service` exits first or after `timeoutMs`. */
export async function waitHealthy(url: string, service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => {
    exitCode = code;
  });
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${service.name} exited (code ${exitCode}) before it was healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `/health answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (err) {
      lastProblem = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} was not healthy within ${timeoutMs} ms (${lastProblem})`);
}
