import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { IgorConfig } from './config.js';
import type { JenkinsService } from './jenkins-service.js';
import type { BuildAnnouncer } from './monitors/build-announcer.js';
import type { Poller } from './monitors/poller.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerBuildRoutes } from './routes/builds.js';
import { registerMasterRoutes } from './routes/masters.js';
import { registerNotificationRoutes } from './routes/notifications.js';

/** What igor's app needs from the outside world. */
export interface IgorDeps {
  config: IgorConfig;
  logger: Logger;
  version: string;
  jenkins: JenkinsService;
  announcer: BuildAnnouncer;
  poller: Poller;
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
  registerMasterRoutes(app, deps.jenkins);
  registerBuildRoutes(app, deps.jenkins);
  registerNotificationRoutes(app, deps.jenkins, deps.announcer);
  registerAdminRoutes(app, deps.poller);
  return app;
}
