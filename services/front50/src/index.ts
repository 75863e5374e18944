/**
 * `@genoa/front50` as a library, for the benchmark and end-to-end tests: the app builder, the
 * storage and its adapters, the object-type table. The service itself starts from `main.ts`.
 */
export { buildApp, type Front50Deps } from './app.js';
export { configSchema, loadFront50Config, type Front50Config } from './config.js';
export { createS3Storage, type StorageConfig } from './adapters/storage-factory.js';
export { createS3Client, openBucket } from './adapters/s3-bucket.js';
export { S3ObjectStore } from './adapters/s3-object-store.js';
export { MemoryObjectStore } from './adapters/memory-object-store.js';
export { Front50Storage } from './domain/storage.js';
export { KeyLayout } from './domain/keys.js';
export { objectTypes, type JsonObject, type ObjectType } from './object-types.js';
