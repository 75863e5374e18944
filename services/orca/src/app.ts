import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { OrcaConfig } from './config.js';
import type { Engine } from './engine/create-engine.js';
import type { Clock, ExecutionRepository, Front50 } from './ports.js';
import { controlRoutes } from './routes/controls.js';
import { executionRoutes } from './routes/executions.js';

/** What orca's app needs from the outside world. */
export interface OrcaDeps {
  config: OrcaConfig;
  logger: Logger;
  version: string;
  engine: Engine;
  repository: ExecutionRepository;
  front50: Front50;
  clock: Clock;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds orca's fastify app: the service kit plus orca's routes. Does not listen. */
export function buildApp(deps: OrcaDeps): { app: FastifyInstance; metrics: Registry } {
  const { app, metrics } = createServiceApp({
    service: 'orca',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  executionRoutes(app, {
    engine: deps.engine,
    repository: deps.repository,
    front50: deps.front50,
    clock: deps.clock,
  });
  controlRoutes(app, deps.engine);
  return { app, metrics };
}
