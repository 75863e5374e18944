import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { GateConfig } from './config.js';

/** What gate's app needs from the outside world. */
export interface GateDeps {
  config: GateConfig;
  logger: Logger;
  version: string;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds gate's fastify app: the service kit plus gate's routes. Does not listen. */
export function buildApp(deps: GateDeps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'gate',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  return app;
}
