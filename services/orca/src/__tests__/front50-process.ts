import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnManaged, startS3, uniqueName, type S3Handle } from '@genoa/testing';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A real front50 (its own process) over the embedded S3 store, as the local stack runs it. */
export interface Front50Process {
  url: string;
  /** GETs a front50 path; undefined on 404. */
  get<T = Record<string, unknown>>(path: string): Promise<T | undefined>;
  /** POSTs JSON to a front50 path (seeding test data); returns the reply body. */
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts S3 and front50 (`services/front50/src/main.ts` under tsx, on `baseEnv` plus its own
 * settings) and waits for /health.
 */
export async function startFront50Process(
  baseEnv: Record<string, string | undefined>,
): Promise<Front50Process> {
  const s3: S3Handle = await startS3();
  const port = await freePort();
  const proc = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'services/front50/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...baseEnv,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        FRONT50_BUCKET: uniqueName('orca-it'),
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (proc.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`front50 did not start: ${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async get<T>(path: string) {
      const res = await fetch(`${url}${path}`);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`front50 GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`front50 POST ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      await proc.stop();
      await s3.stop();
    },
  };
}
