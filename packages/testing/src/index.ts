/**
 * `@genoa/testing`: real components for tests (a dev dependency only). `startRedis()` and
 * `startS3()` give real servers on free ports; `uniqueName()` keeps tests apart; the fixture
 * helpers read the compatibility corpus beside the repository.
 */
export * from './ports.js';
export * from './names.js';
export * from './processes.js';
export * from './footprint.js';
export * from './containers.js';
export * from './redis.js';
export * from './s3.js';
export * from './fixtures.js';
export * from './kube-sandbox.js';
export * from './jenkins-double/index.js';
export * from './docker-registry.js';
export * from './genoa-processes.js';
export * from './oidc-issuer.js';
