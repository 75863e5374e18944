import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { AccountRegistry } from './adapters/accounts.js';
import type { LiveCache } from './adapters/live-cache.js';
import type { ClouddriverConfig } from './config.js';
import type { DockerRegistryAccounts } from './docker-registry/docker-registry-accounts.js';
import type { OperationRunner } from './operation-runner.js';
import type { TaskRepository } from './ports.js';
import { credentialsRoutes } from './routes/credentials.js';
import { dockerRegistryRoutes } from './routes/docker-registry.js';
import { infrastructureRoutes } from './routes/infrastructure.js';
import { manifestRoutes } from './routes/manifests.js';
import { opsRoutes } from './routes/ops.js';

/** What clouddriver's app needs from the outside world. */
export interface ClouddriverDeps {
  config: ClouddriverConfig;
  logger: Logger;
  version: string;
  accounts: AccountRegistry;
  runner: OperationRunner;
  cache: LiveCache;
  tasks: TaskRepository;
  dockerRegistries: DockerRegistryAccounts;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds clouddriver's fastify app: the service kit plus clouddriver's routes. Does not listen. */
export function buildApp(deps: ClouddriverDeps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'clouddriver',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  credentialsRoutes(app, deps.accounts, deps.dockerRegistries);
  dockerRegistryRoutes(app, deps.dockerRegistries);
  opsRoutes(app, deps.accounts, deps.runner, deps.tasks);
  manifestRoutes(app, deps.accounts);
  infrastructureRoutes(app, deps.accounts, deps.cache);
  return app;
}
