import { createServiceClient, type HealthCheck, type ServiceClient } from '@genoa/shared/node';
import { Agent, type Dispatcher } from 'undici';
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
 * The connection pools gate's downstream calls share: one undici Agent (a keep-alive pool per
 * service origin, at most `GATE_DOWNSTREAM_CONNECTIONS` sockets each, idle sockets kept 30 s,
 * connect/headers/body timeouts), and a fetch-shaped function over undici's `request` (no WHATWG
 * Request/Response/stream objects per call: the service client only reads status and text).
 * Close the agent at shutdown.
 */
export function createDownstreamPool(config: GateConfig): { agent: Agent; fetch: typeof fetch } {
  const agent = new Agent({
    connections: config.GATE_DOWNSTREAM_CONNECTIONS,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connect: { timeout: Math.min(5_000, config.GATE_DOWNSTREAM_TIMEOUT_MS) },
    headersTimeout: config.GATE_DOWNSTREAM_TIMEOUT_MS,
    bodyTimeout: config.GATE_DOWNSTREAM_TIMEOUT_MS,
  });
  const pooled = async (input: string | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? new URL(input) : input;
    const res = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers as Record<string, string> | undefined,
      body: init.body as string | undefined,
      signal: init.signal ?? undefined,
    });
    const text = await res.body.text();
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
    };
  };
  return { agent, fetch: pooled as unknown as typeof fetch };
}

/**
 * One typed client per downstream service: per-attempt timeout, retries for idempotent calls,
 * signed identity, request-id forwarding, over `fetchImpl` (the pool of {@link createDownstreamPool}
 * in production; Node's global fetch otherwise).
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
 * Optional checks of each downstream service's readiness (`/health/readiness`: its own Redis, S3,
 * informers…): gate stays UP when one is DOWN (its other routes still work) but `/health` reports
 * which, and why.
 */
export function downstreamHealthChecks(
  downstream: Downstream,
  fetchImpl: typeof fetch = fetch,
): HealthCheck[] {
  return Object.entries(downstream).map(([name, client]) => ({
    name,
    optional: true,
    async check() {
      const res = await fetchImpl(`${client.baseUrl}/health/readiness`, {
        signal: AbortSignal.timeout(1_500),
      });
      const text = await res.text();
      if (res.ok) return;
      let body: { checks?: Record<string, { status?: string }> } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        // not JSON: no check names to report
      }
      const down = Object.entries(body.checks ?? {})
        .filter(([, c]) => c.status === 'DOWN')
        .map(([n]) => n);
      throw new Error(
        `${name} is not ready (${res.status}${down.length ? `: ${down.join(', ')} DOWN` : ''})`,
      );
    },
  }));
}
