import type { FastifyInstance, FastifyReply } from 'fastify';

/** One dependency check for readiness: resolves when healthy, throws (with a reason) when not. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
  /** A check that may fail without making the service unready (reported only). */
  optional?: boolean;
}

/** The result of one check in the `/health` body. */
export interface HealthCheckResult {
  status: 'UP' | 'DOWN';
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: HealthCheck): Promise<HealthCheckResult> {
  const started = performance.now();
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        ).unref(),
      ),
    ]);
    return { status: 'UP', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      status: 'DOWN',
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/**
 * Health endpoints, Spring-actuator style (`{"status":"UP"}`):
 * - `GET /health` and `/health/readiness`: runs every dependency check; 503 when a required one is
 *   DOWN or the service is shutting down.
 * - `GET /health/liveness`: 200 while the process can answer; no dependency calls.
 */
export function installHealth(
  app: FastifyInstance,
  checks: readonly HealthCheck[],
  isShuttingDown: () => boolean,
): void {
  const readiness = async (_request: unknown, reply: FastifyReply) => {
    const entries = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c)] as const));
    const results = Object.fromEntries(entries);
    const down = checks.some((c) => !c.optional && results[c.name]?.status === 'DOWN');
    const shuttingDown = isShuttingDown();
    const status = down || shuttingDown ? 'DOWN' : 'UP';
    void reply.status(status === 'UP' ? 200 : 503);
    return { status, ...(shuttingDown ? { reason: 'shutting down' } : {}), checks: results };
  };
  app.get('/health', readiness);
  app.get('/health/readiness', readiness);
  app.get('/health/liveness', async () => ({ status: 'UP' }));
}
