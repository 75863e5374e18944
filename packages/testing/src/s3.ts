import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerAvailable, startContainer } from './containers.js';
import { freePort, waitForPort } from './ports.js';
import { spawnManaged } from './processes.js';

/** An S3-speaking endpoint with credentials that work against it. */
export interface S3Handle {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  region: string;
  kind: 'process' | 'container' | 'external';
  stop(): Promise<void>;
}

/** Options for {@link startS3}. */
export interface StartS3Options {
  port?: number;
  /** Keep objects in this directory; a temporary one is used (and removed) otherwise. */
  dataDir?: string;
  ignoreEnv?: boolean;
  /** Run in its own process group, so a terminal's Ctrl-C reaches only the launcher (local stack). */
  detached?: boolean;
}

/** The credentials the embedded S3 server (s3rver) accepts. */
export const EMBEDDED_S3_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' } as const;

/**
 * Gives a real S3-speaking server: `S3_ENDPOINT` (with `S3_ACCESS_KEY`/`S3_SECRET_KEY`) when set;
 * else the embedded server (s3rver, run as a child with `--openssl-legacy-provider`, without which
 * truncated listings fail); else MinIO in a container where Docker runs.
 */
export async function startS3(options: StartS3Options = {}): Promise<S3Handle> {
  const external = options.ignoreEnv ? undefined : process.env.S3_ENDPOINT;
  if (external) {
    const url = new URL(external);
    return {
      endpoint: external,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      accessKey: process.env.S3_ACCESS_KEY ?? 'minioadmin',
      secretKey: process.env.S3_SECRET_KEY ?? 'minioadmin',
      region: process.env.S3_REGION ?? 'us-east-1',
      kind: 'external',
      stop: async () => {},
    };
  }
  const bin = s3rverBin();
  if (bin) return startS3Process(bin, options);
  if (await dockerAvailable()) {
    const started = await startContainer('minio/minio:latest', 9000, {
      command: ['server', '/data'],
      env: { MINIO_ROOT_USER: 'minioadmin', MINIO_ROOT_PASSWORD: 'minioadmin' },
    });
    return {
      endpoint: `http://${started.host}:${started.port}`,
      port: started.port,
      accessKey: 'minioadmin',
      secretKey: 'minioadmin',
      region: 'us-east-1',
      kind: 'container',
      stop: started.stop,
    };
  }
  throw new Error('no S3 server available: install dependencies (pnpm install) or set S3_ENDPOINT');
}

function s3rverBin(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');
  } catch {
    return undefined;
  }
}

async function startS3Process(bin: string, options: StartS3Options): Promise<S3Handle> {
  const port = options.port ?? (await freePort());
  const scratch = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'genoa-s3-'));
  const dir = options.dataDir ?? scratch!;
  mkdirSync(dir, { recursive: true });
  const proc = spawnManaged(
    process.execPath,
    [
      '--openssl-legacy-provider',
      bin,
      '--directory',
      dir,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--silent',
    ],
    { detached: options.detached ?? false },
  );
  try {
    await waitForPort(port, '127.0.0.1', 15_000);
  } catch (err) {
    await proc.stop(0);
    throw new Error(`the embedded S3 server did not start on port ${port}: ${proc.output()}`, { cause: err });
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    ...EMBEDDED_S3_CREDENTIALS,
    region: 'us-east-1',
    kind: 'process',
    async stop() {
      await proc.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The environment variables that point a Genoa service at this Redis and S3 store. */
export function infrastructureEnv(redis: { url: string }, s3: S3Handle): Record<string, string> {
  return {
    REDIS_URL: redis.url,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_REGION: s3.region,
  };
}
