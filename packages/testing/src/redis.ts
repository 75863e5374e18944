import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerAvailable, startContainer } from './containers.js';
import { freePort, waitForPort } from './ports.js';
import { spawnManaged, type ManagedProcess } from './processes.js';

/** A Redis for one test run (or the local stack). */
export interface RedisHandle {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** How it was obtained: a spawned `redis-server`, a container, or `REDIS_URL`. */
  kind: 'process' | 'container' | 'external';
  /** Stops what this handle started (nothing for `external`). */
  stop(): Promise<void>;
  /** For `process`: SIGKILL then start again on the same port and data dir (crash tests). */
  restart?(): Promise<void>;
}

/** Options for {@link startRedis}. */
export interface StartRedisOptions {
  port?: number;
  /** Keep data in this directory (AOF on). Without it, Redis keeps nothing on disk. */
  dataDir?: string;
  /** Ignore `REDIS_URL` and start a private server even when it is set. */
  ignoreEnv?: boolean;
  /** Run in its own process group, so a terminal's Ctrl-C reaches only the launcher (local stack). */
  detached?: boolean;
}

/** The install hint printed when no `redis-server` can be found. */
export const REDIS_INSTALL_HINT =
  'redis-server was not found. Install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu) or `brew install redis` (macOS), or set REDIS_URL to a Redis you run.';

/** True when a `redis-server` binary is on PATH. */
export function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives a real Redis: `REDIS_URL` when set, else a `redis-server` child on a free port, else a
 * testcontainers Redis where Docker runs. The server uses `maxmemory-policy noeviction`, as the
 * services require.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisHandle> {
  const external = options.ignoreEnv ? undefined : process.env.REDIS_URL;
  if (external) {
    const port = Number(new URL(external).port || 6379);
    return { url: external, port, kind: 'external', stop: async () => {} };
  }
  if (hasRedisServer()) return startRedisProcess(options);
  if (await dockerAvailable()) {
    const started = await startContainer('redis:7-alpine', 6379, {
      command: ['redis-server', '--maxmemory-policy', 'noeviction', '--save', ''],
    });
    return {
      url: `redis://${started.host}:${started.port}`,
      port: started.port,
      kind: 'container',
      stop: started.stop,
    };
  }
  throw new Error(REDIS_INSTALL_HINT);
}

async function startRedisProcess(options: StartRedisOptions): Promise<RedisHandle> {
  const port = options.port ?? (await freePort());
  const scratch = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'genoa-redis-'));
  const dir = options.dataDir ?? scratch!;
  mkdirSync(dir, { recursive: true });
  const persistence = options.dataDir
    ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '']
    : ['--appendonly', 'no', '--save', ''];
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
    ...persistence,
  ];
  const spawnOptions = { detached: options.detached ?? false };
  let proc: ManagedProcess = spawnManaged('redis-server', args, spawnOptions);
  const ready = async () => {
    try {
      await waitForPort(port, '127.0.0.1', 10_000);
    } catch (err) {
      await proc.stop(0);
      throw new Error(`redis-server did not start on port ${port}: ${proc.output()}`, { cause: err });
    }
  };
  await ready();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kind: 'process',
    async stop() {
      await proc.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
    async restart() {
      await proc.stop(0);
      proc = spawnManaged('redis-server', args, spawnOptions);
      await ready();
    },
  };
}
