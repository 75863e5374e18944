import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@genoa/shared/node';
import { startS3, uniqueName, type S3Handle } from '@genoa/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeObjectStoreContract } from './object-store-contract.js';
import { openBucket } from './s3-bucket.js';
import { S3ObjectStore } from './s3-object-store.js';

const dir = mkdtempSync(join(tmpdir(), 'front50-s3-contract-'));
let s3: S3Handle;
let port = 0;
beforeAll(async () => {
  s3 = await startS3({ dataDir: dir, ignoreEnv: true });
  port = s3.port;
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

describeObjectStoreContract('S3 (minio client on a real S3 server)', async () => {
  const bucket = uniqueName('contract');
  const settings = {
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_REGION: s3.region,
    FRONT50_BUCKET: bucket,
  };
  const client = await openBucket(
    settings,
    createLogger({ service: 'front50', version: 't', level: 'silent' }),
  );
  const store = new S3ObjectStore(client, { bucket, endpoint: s3.endpoint, timeoutMs: 3_000 });
  return {
    store,
    outage: {
      begin: async () => s3.stop(),
      end: async () => {
        s3 = await startS3({ port, dataDir: dir, ignoreEnv: true });
      },
    },
  };
});
