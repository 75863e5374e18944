import { createServiceClient, type HealthCheck, type ServiceClient } from '@genoa/shared/node';
import type { GateConfig } from './config.js';

/** The services gate calls. */
export interface Downstream {
  orca: ServiceClient;
  front50: ServiceClient;
  clouddriver: ServiceClient;
  echo: ServiceClient;
  igor: ServiceClient;
}

/**
 * One typed client per downstream service: per-attempt timeout, retries for idempotent calls,
 * signed identity, request-id forwarding. Node's fetch keeps connections alive (undici's pool).
 */
export function createDownstream(config: GateConfig, fetchImpl?: typeof fetch): Downstream {
  const make = (service: string, baseUrl: string) =>
    createServiceClient({
      service,
      baseUrl,
      timeoutMs: config.GATE_DOWNSTREAM_TIMEOUT_MS,
      retries: 2,
      internalSecret: config.GENOA_INTERNAL_SECRET,
      ...(fetchImpl ? { fetchImpl } : {}),
    });
  return {
    orca: make('orca', config.ORCA_URL),
    front50: make('front50', config.FRONT50_URL),
    clouddriver: make('clouddriver', config.CLOUDDRIVER_URL),
    echo: make('echo', config.ECHO_URL),
    igor: make('igor', config.IGOR_URL),
  };
}

/**
 * Optional readiness checks of each downstream service's `/health/liveness`: gate stays UP when
 * one is DOWN but `/health` reports which.
 */
export function downstreamHealthChecks(downstream: Downstream): HealthCheck[] {
  return Object.entries(downstream).map(([name, client]) => ({
    name,
    optional: true,
    async check() {
      const res = await fetch(`${client.baseUrl}/health/liveness`, { signal: AbortSignal.timeout(1_500) });
      if (!res.ok) throw new Error(`${name} answered ${res.status}`);
    },
  }));
}
