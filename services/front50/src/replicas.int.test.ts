import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3, uniqueName, type S3Handle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from './test-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'front50-replicas-'));
let s3: S3Handle;
beforeAll(async () => {
  s3 = await startS3({ dataDir: dir, ignoreEnv: true });
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pipeline = (name: string, extra: Record<string, unknown> = {}) => ({
  application: 'shop',
  name,
  stages: [],
  ...extra,
});

describe('two replicas on one bucket', () => {
  it('see each other’s acknowledged writes immediately, in both directions', async () => {
    const bucket = uniqueName('replicas');
    const [a, b] = await Promise.all([startReplica(s3, { bucket }), startReplica(s3, { bucket })]);
    try {
      expect((await b.call('GET', '/pipelines/shop')).json).toEqual([]);
      const saved = await a.call('POST', '/pipelines', pipeline('deploy'), 'alice');
      const seen = await b.call('GET', '/pipelines/shop');
      expect(seen.json.map((p: { id: string }) => p.id)).toEqual([saved.json.id]);
      expect((await b.call('GET', '/pipelines/shop/name/deploy')).json.lastModifiedBy).toBe('alice');

      const renamed = await b.call('POST', '/pipelines', { ...saved.json, name: 'deploy-v2' }, 'bob');
      expect((await a.call('GET', `/pipelines/shop/name/deploy-v2`)).json.updateTs).toBe(
        renamed.json.updateTs,
      );
      const clash = await a.call('POST', '/pipelines', pipeline('DEPLOY-V2'));
      expect(clash.status).toBe(400);

      await a.call('POST', '/v2/applications', { name: 'shop', email: 's@x.io' });
      expect((await b.call('GET', '/v2/applications/shop')).status).toBe(200);
      expect((await b.call('DELETE', '/v2/applications/shop')).status).toBe(204);
      expect((await a.call('GET', '/v2/applications/shop')).status).toBe(404);
      expect((await a.call('GET', '/pipelines/shop')).json).toEqual([]);
    } finally {
      await Promise.all([a.app.close(), b.app.close()]);
    }
  });

  it('a restarted replica loses nothing', async () => {
    const bucket = uniqueName('restart');
    const first = await startReplica(s3, { bucket });
    for (let i = 0; i < 5; i++) await first.call('POST', '/pipelines', pipeline(`p${i}`));
    await first.call('POST', '/v2/applications', { name: 'shop', email: 's@x.io' });
    await first.app.close();
    const second = await startReplica(s3, { bucket });
    try {
      expect((await second.call('GET', '/pipelines/shop')).json).toHaveLength(5);
      expect((await second.call('GET', '/v2/applications/shop')).json.email).toBe('s@x.io');
    } finally {
      await second.app.close();
    }
  });
});

describe('S3 outage', () => {
  it('answers 503 with a clear message, writes nothing half-way, and recovers when S3 is back', async () => {
    const bucket = uniqueName('outage');
    const port = s3.port;
    const f50: Replica = await startReplica(s3, { bucket, timeoutMs: 1_500 });
    try {
      const saved = await f50.call('POST', '/pipelines', pipeline('before'));
      await s3.stop();

      const read = await f50.call('GET', '/pipelines/shop');
      expect(read.status).toBe(503);
      expect(read.json.message).toMatch(/S3 is unavailable: .* at http:\/\/127\.0\.0\.1:\d+ failed/);
      const write = await f50.call('POST', '/pipelines', pipeline('during'));
      expect(write.status).toBe(503);
      expect((await f50.call('POST', '/v2/applications', { name: 'x', email: 'x@y' })).status).toBe(503);

      s3 = await startS3({ port, dataDir: dir, ignoreEnv: true });
      const after = await f50.call('GET', '/pipelines/shop');
      expect(after.status).toBe(200);
      expect(after.json.map((p: { name: string }) => p.name)).toEqual(['before']);
      expect((await f50.call('GET', `/pipelines/${saved.json.id}/history`)).json).toHaveLength(1);
      expect((await f50.call('POST', '/pipelines', pipeline('after'))).status).toBe(200);
      const fresh = await startReplica(s3, { bucket });
      expect((await fresh.call('GET', '/pipelines/shop')).json.map((p: { name: string }) => p.name)).toEqual([
        'after',
        'before',
      ]);
      await fresh.app.close();
    } finally {
      await f50.app.close();
    }
  });
});
