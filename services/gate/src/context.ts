import type { EchoEvent } from '@genoa/shared';
import type { Logger } from '@genoa/shared/node';
import type { FastifyRequest } from 'fastify';
import type { AuthSettings } from './auth/authenticate.js';
import type { PermissionEvaluator } from './auth/permissions.js';
import type { GateConfig } from './config.js';
import type { Downstream } from './downstream.js';
import type { LiveEventHub } from './live/live-event-hub.js';

/** Where webhook events go (echo's durable intake queue in production). */
export interface EventSink {
  enqueue(event: EchoEvent): Promise<void>;
}

/** Everything gate's routes use. */
export interface GateContext {
  config: GateConfig;
  logger: Logger;
  downstream: Downstream;
  permissions: PermissionEvaluator;
  auth: AuthSettings;
  events: EventSink;
  /** Live updates, when wired (gate publishes the execution changes it makes itself). */
  live?: LiveEventHub;
}

/** The per-call options that carry the caller's identity and request id downstream. */
export const as = (request: FastifyRequest) => ({ identity: request.identity, requestId: request.id });
