import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { HealthCheck, Logger } from '@genoa/shared/node';
import { ServiceUnavailableError } from '@genoa/shared';
import { Client } from 'minio';

/** The S3 settings front50 needs to reach its bucket. */
export interface BucketSettings {
  S3_ENDPOINT: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_REGION: string;
  FRONT50_BUCKET: string;
}

const alreadyThere = new Set(['BucketAlreadyExists', 'BucketAlreadyOwnedByYou']);

/** A minio client with keep-alive connections (path-style, so MinIO and s3rver work). */
export function createS3Client(config: BucketSettings): Client {
  const url = new URL(config.S3_ENDPOINT);
  const https = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: Number(url.port || (https ? 443 : 80)),
    useSSL: https,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    pathStyle: true,
    transportAgent: https
      ? new HttpsAgent({ keepAlive: true, maxSockets: 64 })
      : new Agent({ keepAlive: true, maxSockets: 64 }),
    retryOptions: { maximumRetryCount: 1, baseDelayMs: 20, maximumDelayMs: 100 },
  });
}

/** A minio client for front50's bucket, with the bucket created when missing (as Spinnaker does). */
export async function openBucket(config: BucketSettings, logger: Logger): Promise<Client> {
  const client = createS3Client(config);
  try {
    if (!(await client.bucketExists(config.FRONT50_BUCKET))) {
      try {
        await client.makeBucket(config.FRONT50_BUCKET, config.S3_REGION);
        logger.info({ bucket: config.FRONT50_BUCKET }, 'bucket created');
      } catch (err) {
        // Another replica created it between our HEAD and our PUT.
        if (!alreadyThere.has((err as { code?: string }).code ?? '')) throw err;
      }
    }
  } catch (err) {
    throw new ServiceUnavailableError(
      `cannot use S3 bucket ${config.FRONT50_BUCKET} at ${new URL(config.S3_ENDPOINT).origin}`,
      { cause: err },
    );
  }
  return client;
}

/** A readiness check that the bucket answers. */
export function bucketHealthCheck(client: Client, bucket: string): HealthCheck {
  return {
    name: 's3',
    async check() {
      if (!(await client.bucketExists(bucket))) throw new Error(`bucket ${bucket} does not exist`);
    },
  };
}
