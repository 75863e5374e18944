import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { Front50Config } from './config.js';
import type { Front50Storage } from './domain/storage.js';
import { registerApplicationRoutes } from './routes/applications.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerPermissionRoutes } from './routes/permissions.js';
import { registerPipelineTemplateRoutes } from './routes/pipeline-templates.js';
import { registerPipelineRoutes } from './routes/pipelines.js';
import { registerProjectRoutes } from './routes/projects.js';
import { registerServiceAccountRoutes } from './routes/service-accounts.js';

/** What front50's app needs from the outside world. */
export interface Front50Deps {
  config: Pick<Front50Config, 'GENOA_INTERNAL_SECRET' | 'BODY_LIMIT_BYTES'>;
  logger: Logger;
  version: string;
  storage: Front50Storage;
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
  const { repos } = deps.storage;
  registerApplicationRoutes(app, repos);
  registerPermissionRoutes(app, repos);
  registerPipelineRoutes(app, repos, 'pipelines');
  registerPipelineRoutes(app, repos, 'strategies');
  registerNotificationRoutes(app, repos);
  registerPipelineTemplateRoutes(app, repos);
  registerProjectRoutes(app, repos);
  registerServiceAccountRoutes(app, repos);
  app.addHook('onClose', async () => {
    deps.storage.stop();
    await deps.storage.settled();
  });
  return app;
}
