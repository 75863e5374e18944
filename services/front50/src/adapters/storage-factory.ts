import type { Logger } from '@genoa/shared/node';
import type { Front50Config } from '../config.js';
import { KeyLayout } from '../domain/keys.js';
import { Front50Storage } from '../domain/storage.js';
import { systemClock } from '../ports.js';
import { openBucket } from './s3-bucket.js';
import { S3ObjectStore } from './s3-object-store.js';

/** The S3 settings plus front50's storage tuning. */
export type StorageConfig = Pick<
  Front50Config,
  | 'S3_ENDPOINT'
  | 'S3_ACCESS_KEY'
  | 'S3_SECRET_KEY'
  | 'S3_REGION'
  | 'FRONT50_BUCKET'
  | 'FRONT50_ROOT_FOLDER'
  | 'FRONT50_S3_TIMEOUT_MS'
  | 'FRONT50_HISTORY_MAX_VERSIONS'
  | 'FRONT50_CHANGE_LOOKBACK_MS'
  | 'FRONT50_CHANGE_LOG_RETENTION_MS'
  | 'FRONT50_LOAD_CONCURRENCY'
>;

/** Opens the bucket (creating it when missing) and builds front50's storage on it. */
export async function createS3Storage(config: StorageConfig, logger: Logger): Promise<Front50Storage> {
  const client = await openBucket(config, logger);
  const store = new S3ObjectStore(client, {
    bucket: config.FRONT50_BUCKET,
    endpoint: new URL(config.S3_ENDPOINT).origin,
    timeoutMs: config.FRONT50_S3_TIMEOUT_MS,
  });
  return new Front50Storage({
    store,
    layout: new KeyLayout(config.FRONT50_ROOT_FOLDER),
    clock: systemClock,
    logger,
    historyMaxVersions: config.FRONT50_HISTORY_MAX_VERSIONS,
    changeLookbackMs: config.FRONT50_CHANGE_LOOKBACK_MS,
    changeLogRetentionMs: config.FRONT50_CHANGE_LOG_RETENTION_MS,
    loadConcurrency: config.FRONT50_LOAD_CONCURRENCY,
  });
}
