import cookie from '@fastify/cookie';
import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { AccountCache } from './account-cache.js';
import { installAuthentication } from './auth/authenticate.js';
import type { CredentialStore } from './auth/credential-store.js';
import { OidcLogin, oidcSettingsOf } from './auth/oidc.js';
import { PermissionEvaluator } from './auth/permissions.js';
import { parseUsers, type ConfiguredUser } from './auth/principal.js';
import type { GateConfig } from './config.js';
import type { EventSink, GateContext } from './context.js';
import type { Downstream } from './downstream.js';
import { installOpenApi } from './openapi.js';
import { applicationRoutes } from './routes/applications.js';
import { authRoutes } from './routes/auth.js';
import { buildRoutes } from './routes/builds.js';
import { cronRoutes } from './routes/cron.js';
import { executionSearchRoutes } from './routes/execution-search.js';
import { notificationRoutes } from './routes/notifications.js';
import { pipelineConfigActionRoutes } from './routes/pipeline-config-actions.js';
import { credentialRoutes } from './routes/credentials.js';
import { executionRoutes } from './routes/executions.js';
import { imageRoutes } from './routes/images.js';
import type { LiveEventHub } from './live/live-event-hub.js';
import { infrastructureRoutes } from './routes/infrastructure.js';
import { liveEventRoutes } from './routes/live-events.js';
import { pipelineConfigRoutes } from './routes/pipeline-configs.js';
import { pipelineTriggerRoutes } from './routes/pipeline-triggers.js';
import { projectRoutes } from './routes/projects.js';
import { taskRoutes } from './routes/tasks.js';
import { webhookRoutes } from './routes/webhooks.js';

/** What gate's app needs from the outside world. */
export interface GateDeps {
  config: GateConfig;
  logger: Logger;
  version: string;
  downstream: Downstream;
  store: CredentialStore;
  events: EventSink;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
  /** A Basic user added to `GATE_USERS`: the bootstrap admin (see `bootstrapAdmin`). */
  extraUser?: ConfiguredUser;
  /** Live updates (`/events/applications/{app}`); the route is absent without it. */
  live?: LiveEventHub;
  /** Keep-alive period of live streams (the contract's 15 s unless a test shortens it). */
  liveKeepAliveMs?: number;
}

/** Builds gate's fastify app: the service kit, authentication, and gate's routes. Does not listen. */
export function buildApp(deps: GateDeps): FastifyInstance {
  const { config } = deps;
  const { app } = createServiceApp({
    service: 'gate',
    version: deps.version,
    logger: deps.logger,
    // Gate never trusts identity from outside, signed or not: it decides who a call acts for.
    internalSecret: undefined,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    healthChecks: deps.healthChecks,
    isShuttingDown: deps.isShuttingDown,
  });
  installOpenApi(app, deps.version);
  const adminRoles = new Set(
    config.GATE_ADMIN_ROLES.split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
  const users = parseUsers(config.GATE_USERS);
  if (deps.extraUser) users.set(deps.extraUser.username, deps.extraUser);
  const oidc = oidcSettingsOf(config);
  const auth = {
    enabled: config.GATE_AUTH_ENABLED,
    users,
    adminRoles,
    store: deps.store,
    oidc: oidc ? new OidcLogin(oidc, deps.store, adminRoles) : undefined,
    accounts: new AccountCache(deps.downstream.clouddriver, config.GATE_ACCOUNT_REFRESH_MS, deps.logger),
  };
  auth.accounts.start();
  app.addHook('onClose', async () => auth.accounts.stop());
  if (oidc) deps.logger.info({ issuer: oidc.issuer }, 'OIDC login enabled');
  if (!auth.enabled) {
    deps.logger.warn(
      'AUTHENTICATION IS OFF (GATE_AUTH_ENABLED=false): every caller is an anonymous admin. Never expose this gate.',
    );
  }
  void app.register(cookie);
  installAuthentication(app, auth);
  const ctx: GateContext = {
    config,
    logger: deps.logger,
    downstream: deps.downstream,
    permissions: new PermissionEvaluator(
      deps.downstream.front50,
      auth.enabled,
      config.GATE_PERMISSION_CACHE_MS,
    ),
    auth,
    events: deps.events,
    live: deps.live,
  };
  authRoutes(app, ctx);
  applicationRoutes(app, ctx);
  taskRoutes(app, ctx);
  pipelineConfigRoutes(app, ctx);
  executionRoutes(app, ctx);
  pipelineTriggerRoutes(app, ctx);
  credentialRoutes(app, ctx);
  infrastructureRoutes(app, ctx);
  projectRoutes(app, ctx);
  pipelineConfigActionRoutes(app, ctx);
  executionSearchRoutes(app, ctx);
  notificationRoutes(app, ctx);
  buildRoutes(app, ctx);
  cronRoutes(app, ctx);
  webhookRoutes(app, ctx);
  imageRoutes(app, ctx);
  if (deps.live) liveEventRoutes(app, ctx, deps.live, deps.liveKeepAliveMs);
  return app;
}
