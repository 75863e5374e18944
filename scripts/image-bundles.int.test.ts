import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, type ServiceName } from '@genoa/shared';
import {
  freePort,
  infrastructureEnv,
  spawnManaged,
  startRedis,
  startS3,
  uniqueName,
  waitForHealthy,
  type RedisHandle,
  type S3Handle,
} from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = Object.keys(defaultPorts) as ServiceName[];
let redis: RedisHandle;
let s3: S3Handle;
const scratch = mkdtempSync(join(tmpdir(), 'genoa-image-'));

beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedis({ ignoreEnv: true }), startS3({ ignoreEnv: true })]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), s3?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

// The image holds Node and /app/server/main.js only (see Dockerfile): each bundle must start and
// answer from a folder with no node_modules anywhere above it.
describe.each(services)('the %s production bundle', (name) => {
  it('builds with the service build script and runs standalone', async () => {
    const app = join(scratch, name);
    mkdirSync(join(app, 'server'), { recursive: true });
    const build = spawnSync(
      process.execPath,
      [join(root, 'scripts/build-service.mjs'), '--out', join(app, 'server', 'main.js')],
      { cwd: join(root, 'services', name), encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    if (name === 'deck') {
      mkdirSync(join(app, 'dist'));
      cpSync(join(root, 'services/deck/index.html'), join(app, 'dist', 'index.html'));
    }
    const port = await freePort();
    const service = spawnManaged(process.execPath, [join(app, 'server', 'main.js')], {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...infrastructureEnv(redis, s3),
        FRONT50_BUCKET: uniqueName('image'),
      },
    });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/health`, service, 15_000);
      const version = (await (await fetch(`http://127.0.0.1:${port}/version`)).json()) as { service: string };
      expect(version.service).toBe(name);
    } finally {
      await service.stop();
    }
  });
});
