import { randomUUID } from 'node:crypto';
import fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Identity } from '../../contracts/identity.js';
import { verifyIdentity } from '../identity.js';
import { installErrorHandlers } from './error-handler.js';
import { installHealth, type HealthCheck } from './health.js';
import { installMetrics } from './metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for: the signed internal identity, or anonymous. */
    identity: Identity;
    /** True when the identity came with a valid internal signature. */
    identityVerified: boolean;
  }
}

/** Options for {@link createServiceApp}. */
export interface ServiceAppOptions {
  service: string;
  version: string;
  logger: Logger;
  /** Secret that verifies internal identity headers; without it every caller is anonymous. */
  internalSecret?: string;
  bodyLimitBytes?: number;
  /** Readiness checks for `/health` (Redis, S3, …). */
  healthChecks?: readonly HealthCheck[];
  /** Whether shutdown has begun (readiness goes DOWN). */
  isShuttingDown?: () => boolean;
}

/** A service's fastify instance and its Prometheus registry. */
export interface ServiceApp {
  app: FastifyInstance;
  metrics: Registry;
}

const quietRoutes = new Set(['/health', '/health/liveness', '/health/readiness', '/metrics']);

/**
 * The fastify app every service starts from: pino with request ids (`x-request-id` in and out),
 * the shared error handlers, `/health`, `/metrics`, `GET /version`, signed identity on
 * `request.identity`, JSON for `application/*+json` bodies, and one access-log line per request.
 * Services add their routes to `app` and never call `listen` here (see `runService`).
 */
export function createServiceApp(options: ServiceAppOptions): ServiceApp {
  const app = fastify({
    loggerInstance: options.logger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes ?? 5 * 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;

  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (err) {
      (err as { statusCode?: number }).statusCode = 400;
      done(err as Error, undefined);
    }
  });

  app.decorateRequest('identity', null as unknown as Identity);
  app.decorateRequest('identityVerified', false);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    const path = request.url.split('?')[0] ?? '/';
    const { identity, verified } = verifyIdentity(
      request.headers,
      request.method,
      path,
      options.internalSecret,
    );
    request.identity = identity;
    request.identityVerified = verified;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? request.url;
    const fields = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (quietRoutes.has(route)) request.log.debug(fields, 'request completed');
    else request.log.info(fields, 'request completed');
  });

  installErrorHandlers(app);
  const metrics = installMetrics(app, options.service);
  installHealth(app, options.healthChecks ?? [], options.isShuttingDown ?? (() => false));
  app.get('/version', async () => ({ service: options.service, version: options.version }));
  return { app, metrics };
}
