import { createServiceApp, type HealthCheck, type Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { DeckConfig } from './config.js';
import { registerGateProxy } from './gate-proxy.js';
import { bundleHealthCheck, registerSpaBundle } from './spa-bundle.js';

/** The path prefix under which deck proxies gate (Spinnaker's `SETTINGS.gateUrl` for a same-origin deck). */
export const GATE_PREFIX = '/gate';

/** What deck's server needs from the outside world. */
export interface DeckDeps {
  config: Pick<DeckConfig, 'DECK_GATE_URL' | 'DECK_DIST_DIR' | 'DECK_GATE_CONNECT_TIMEOUT_MS'> &
    Partial<Pick<DeckConfig, 'GENOA_INTERNAL_SECRET' | 'BODY_LIMIT_BYTES'>>;
  logger: Logger;
  version: string;
  /** Extra readiness checks, in addition to the bundle check. */
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
}

/**
 * Builds deck's fastify app: the service kit (`/health`, `/metrics`, `/version`), the gate proxy
 * under `/gate`, and the built SPA for everything else. `/health` is DOWN until the bundle exists.
 * Does not listen.
 */
export async function buildApp(deps: DeckDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const { app } = createServiceApp({
    service: 'deck',
    version: deps.version,
    logger: deps.logger,
    internalSecret: config.GENOA_INTERNAL_SECRET,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    healthChecks: [bundleHealthCheck(config.DECK_DIST_DIR), ...(deps.healthChecks ?? [])],
    isShuttingDown: deps.isShuttingDown,
  });
  await registerGateProxy(app, {
    gateUrl: config.DECK_GATE_URL,
    prefix: GATE_PREFIX,
    connectTimeoutMs: config.DECK_GATE_CONNECT_TIMEOUT_MS,
  });
  await registerSpaBundle(app, { distDir: config.DECK_DIST_DIR, reservedPrefixes: [`${GATE_PREFIX}/`] });
  return app;
}
