import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnManaged, type ManagedProcess } from '@genoa/testing';
import { testEnv } from './orca-under-test.js';

const mainFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

/** An orca process (HTTP + engine worker) started with `node --import tsx src/main.ts`. */
export interface OrcaProcess {
  port: number;
  proc: ManagedProcess;
  /** SIGKILL: the process dies at once, whatever it was doing. */
  kill(): void;
  stop(): Promise<void>;
}

/** Starts an orca process and waits until its /health answers. */
export async function startOrcaProcess(
  redisUrl: string,
  front50Url: string,
  extra: Record<string, string> = {},
): Promise<OrcaProcess> {
  const port = await freePort();
  const env = {
    // eslint-disable-next-line no-restricted-properties -- a test helper hands its environment to the child
    ...process.env,
    ...testEnv(redisUrl, front50Url, extra),
    PORT: String(port),
    LOG_LEVEL: extra.LOG_LEVEL ?? 'warn',
  };
  const proc = spawnManaged(process.execPath, ['--import', 'tsx', mainFile], { env });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`orca process did not start: ${proc.output()}`);
    if (proc.child.exitCode !== null) throw new Error(`orca process exited: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, proc, kill: () => void proc.child.kill('SIGKILL'), stop: () => proc.stop(2000) };
}
