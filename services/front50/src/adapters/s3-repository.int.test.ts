import { createLogger } from '@genoa/shared/node';
import { startS3, uniqueName, type S3Handle } from '@genoa/testing';
import { afterAll, beforeAll } from 'vitest';
import { describeRepositoryContract } from '../domain/repository-contract.js';
import { openBucket } from './s3-bucket.js';
import { S3ObjectStore } from './s3-object-store.js';

let s3: S3Handle;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => s3.stop());

describeRepositoryContract('S3 store', async () => {
  const bucket = uniqueName('repo');
  const client = await openBucket(
    {
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_REGION: s3.region,
      FRONT50_BUCKET: bucket,
    },
    createLogger({ service: 'front50', version: 't', level: 'silent' }),
  );
  return new S3ObjectStore(client, { bucket, endpoint: s3.endpoint, timeoutMs: 3_000 });
});
