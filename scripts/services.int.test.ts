import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, type ServiceName } from '@genoa/shared';
import {
  freePort,
  infrastructureEnv,
  startRedis,
  startS3,
  spawnManaged,
  uniqueName,
  waitForHealthy,
  waitForPort,
  type ManagedProcess,
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
  process: ManagedProcess;
}

let redis: RedisHandle;
let s3: S3Handle;
let deckDist: string;
const started = new Map<ServiceName, Started>();

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis({ ignoreEnv: true }), startS3({ ignoreEnv: true })]);
  deckDist = mkdtempSync(join(tmpdir(), 'genoa-deck-dist-'));
  writeFileSync(join(deckDist, 'index.html'), '<!doctype html><title>Genoa</title><div id="root"></div>');
  await Promise.all(
    services.map(async (name) => {
      const port = await freePort();
      const service = spawnManaged(process.execPath, ['--import', 'tsx', entry(name)], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          ...infrastructureEnv(redis, s3),
          FRONT50_BUCKET: uniqueName('front50'),
          DECK_DIST_DIR: deckDist,
          GENOA_INTERNAL_SECRET: 'services-test-secret-0123',
        },
      });
      started.set(name, { name, port, process: service });
    }),
  );
  await Promise.all(
    [...started.values()].map((s) => waitForHealthy(`http://127.0.0.1:${s.port}/health`, s.process)),
  );
}, 90_000);

afterAll(async () => {
  await Promise.all([...started.values()].map((s) => s.process.stop(0)));
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
    service.process.child.kill('SIGTERM');
    expect(await service.process.exited, service.process.output()).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000);
    await expect(waitForPort(service.port, '127.0.0.1', 200)).rejects.toThrow(/nothing listens/);
  });
});
