import type { HealthCheck, Logger } from '@genoa/shared/node';
import { ServiceUnavailableError } from '@genoa/shared';
import { Client } from 'minio';
import type { Front50Config } from '../config.js';

/** A minio client for front50's bucket, with the bucket created when missing. */
export async function openBucket(config: Front50Config, logger: Logger): Promise<Client> {
  const url = new URL(config.S3_ENDPOINT);
  const client = new Client({
    endPoint: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    useSSL: url.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    pathStyle: true,
  });
  try {
    if (!(await client.bucketExists(config.FRONT50_BUCKET))) {
      await client.makeBucket(config.FRONT50_BUCKET, config.S3_REGION);
      logger.info({ bucket: config.FRONT50_BUCKET }, 'bucket created');
    }
  } catch (err) {
    throw new ServiceUnavailableError(`cannot use S3 bucket ${config.FRONT50_BUCKET} at ${url.origin}`, {
      cause: err,
    });
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
