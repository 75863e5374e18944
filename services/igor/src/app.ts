import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { IgorConfig } from './config.js';

/** What igor's app needs from the outside world. */
export interface IgorDeps {
  config: IgorConfig;
  logger: Logger;
  version: string;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds igor's fastify app: the service kit plus igor's routes. Does not listen. */
export function buildApp(deps: IgorDeps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'igor',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  return app;
}
