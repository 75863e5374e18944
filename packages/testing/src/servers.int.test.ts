import { afterEach, describe, expect, it } from 'vitest';
import { Client } from 'minio';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from './names.js';
import { waitForPort } from './ports.js';
import { startRedis, type RedisHandle } from './redis.js';
import { startS3, type S3Handle } from './s3.js';

const isAlive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

describe('startRedis', () => {
  it('starts a private redis-server with noeviction and stops it for good', async () => {
    const redis: RedisHandle = await startRedis({ ignoreEnv: true });
    stops.push(redis.stop);
    expect(redis.kind).toBe('process');
    const client = new Redis(redis.url);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    const pid = Number(((await client.info('server')).match(/process_id:(\d+)/) ?? [])[1]);
    client.disconnect();
    expect(isAlive(pid)).toBe(true);
    await redis.stop();
    expect(isAlive(pid)).toBe(false);
    await expect(waitForPort(redis.port, '127.0.0.1', 200)).rejects.toThrow(/nothing listens/);
  });

  it('keeps data across a crash and restart when given a data directory (AOF)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genoa-aof-'));
    const redis = await startRedis({ ignoreEnv: true, dataDir: dir });
    stops.push(async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const writer = new Redis(redis.url);
    await writer.set('survivor', 'yes');
    await new Promise((r) => setTimeout(r, 1_100)); // appendfsync everysec
    writer.disconnect();
    await redis.restart!();
    const reader = new Redis(redis.url);
    expect(await reader.get('survivor')).toBe('yes');
    reader.disconnect();
  });
});

describe('startS3', () => {
  it('serves the S3 protocol to the minio client: buckets, put, get, list, delete', async () => {
    const s3: S3Handle = await startS3({ ignoreEnv: true });
    stops.push(s3.stop);
    const url = new URL(s3.endpoint);
    const client = new Client({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      region: s3.region,
      pathStyle: true,
    });
    const bucket = uniqueName('bucket');
    await client.makeBucket(bucket, s3.region);
    await client.putObject(bucket, 'front50/pipelines/a/pipeline-metadata.json', JSON.stringify({ id: 'a' }));
    await client.putObject(bucket, 'front50/pipelines/b/pipeline-metadata.json', JSON.stringify({ id: 'b' }));
    const stream = await client.getObject(bucket, 'front50/pipelines/a/pipeline-metadata.json');
    let body = '';
    for await (const chunk of stream) body += String(chunk);
    expect(JSON.parse(body)).toEqual({ id: 'a' });
    const keys: string[] = [];
    for await (const item of client.listObjectsV2(bucket, 'front50/pipelines/', true)) keys.push(item.name!);
    expect(keys.sort()).toEqual([
      'front50/pipelines/a/pipeline-metadata.json',
      'front50/pipelines/b/pipeline-metadata.json',
    ]);
    await client.removeObject(bucket, 'front50/pipelines/a/pipeline-metadata.json');
    await expect(client.statObject(bucket, 'front50/pipelines/a/pipeline-metadata.json')).rejects.toThrow();
  });
});
