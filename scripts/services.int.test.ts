import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, type ServiceName } from '@genoa/shared';
import {
  freePort,
  startRedis,
  startS3,
  uniqueName,
  waitForPort,
  type RedisHandle,
  type S3Handle,
} from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = Object.keys(defaultPorts) as ServiceName[];
const entry = (name: ServiceName) =>
  name === 'deck' ? join(root, 'services/deck/server/main.ts') : join(root, `services/${name}/src/main.ts`);

interface Started {
  name: ServiceName;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

let redis: RedisHandle;
let s3: S3Handle;
let deckDist: string;
const started = new Map<ServiceName, Started>();

async function waitHealthy(service: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${service.port}/health`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} not healthy: ${service.output()}`);
}

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis({ ignoreEnv: true }), startS3({ ignoreEnv: true })]);
  deckDist = mkdtempSync(join(tmpdir(), 'genoa-deck-dist-'));
  writeFileSync(join(deckDist, 'index.html'), '<!doctype html><title>Genoa</title><div id="root"></div>');
  await Promise.all(
    services.map(async (name) => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', entry(name)], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          REDIS_URL: redis.url,
          S3_ENDPOINT: s3.endpoint,
          S3_ACCESS_KEY: s3.accessKey,
          S3_SECRET_KEY: s3.secretKey,
          FRONT50_BUCKET: uniqueName('front50'),
          DECK_DIST_DIR: deckDist,
          GENOA_INTERNAL_SECRET: 'services-test-secret-0123',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
      child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-4000)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      started.set(name, { name, port, child, exited, output: () => output });
    }),
  );
  await Promise.all([...started.values()].map(waitHealthy));
}, 90_000);

afterAll(async () => {
  for (const service of started.values()) service.child.kill('SIGKILL');
  await Promise.all([redis?.stop(), s3?.stop()]);
  if (deckDist) rmSync(deckDist, { recursive: true, force: true });
});

describe.each(services)('%s', (name) => {
  it('answers /health, /version and /metrics with the kit', async () => {
    const service = started.get(name)!;
    const base = `http://127.0.0.1:${service.port}`;
    const health = (await (await fetch(`${base}/health`)).json()) as { status: string };
    expect(health.status).toBe('UP');
    expect(await (await fetch(`${base}/version`)).json()).toEqual({
      service: name,
      version: expect.any(String),
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`service="${name}"`);
    expect(metrics).toContain('http_server_requests_seconds');
  });

  it('stops cleanly on SIGTERM within 5 s and releases its port', async () => {
    const service = started.get(name)!;
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    const code = await service.exited;
    expect(code, service.output()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    await expect(waitForPort(service.port, '127.0.0.1', 200)).rejects.toThrow(/nothing listens/);
  });
});
