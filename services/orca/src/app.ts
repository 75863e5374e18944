import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { OrcaConfig } from './config.js';

/** What orca's app needs from the outside world. */
export interface OrcaDeps {
  config: OrcaConfig;
  logger: Logger;
  version: string;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds orca's fastify app: the service kit plus orca's routes. Does not listen. */
export function buildApp(deps: OrcaDeps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'orca',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  return app;
}
