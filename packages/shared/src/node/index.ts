/**
 * `@genoa/shared/node`: the service kit. Logger, config, the fastify app with health, metrics,
 * errors and identity, graceful shutdown, Redis and BullMQ helpers, and typed service clients.
 * Node only; deck must not import it.
 */
export * from './config.js';
export * from './logger.js';
export * from './identity.js';
export * from './shutdown.js';
export * from './redis.js';
export * from './queue.js';
export * from './run-service.js';
export * from './http/create-service-app.js';
export * from './http/error-handler.js';
export * from './http/health.js';
export * from './http/metrics.js';
export * from './http/validation.js';
export * from './clients/service-client.js';
export * from './producers.js';
