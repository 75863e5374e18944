import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { EchoConfig } from './config.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerEventRoutes } from './routes/events.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import type { EchoParts } from './wiring.js';

/** What echo's app needs from the outside world. */
export interface EchoDeps {
  config: EchoConfig;
  logger: Logger;
  version: string;
  parts: Pick<EchoParts, 'cache' | 'intake' | 'notifications'>;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/** Builds echo's fastify app: the service kit plus echo's routes. Does not listen. */
export function buildApp(deps: EchoDeps): FastifyInstance {
  const { app } = createServiceApp({
    service: 'echo',
    version: deps.version,
    logger: deps.logger,
    internalSecret: deps.config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: deps.config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  registerEventRoutes(app, deps.parts.intake);
  registerWebhookRoutes(app, deps.parts.intake);
  registerAdminRoutes(app, deps.parts.cache, deps.config.ECHO_CRON_TIMEZONE);
  registerNotificationRoutes(app, deps.parts.notifications);
  return app;
}
