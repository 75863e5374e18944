import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { Front50Config } from './config.js';

/** What front50's app needs from the outside world. */
export interface Front50Deps {
  config: Front50Config;
  logger: Logger;
  version: string;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds front50's fastify app: the service kit plus front50's routes. Does not listen. */
export function buildApp(deps: Front50Deps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'front50',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  return app;
}
