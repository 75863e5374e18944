import { z } from 'zod';
import { gateGet } from './gate-client.js';

/** Gate's `GET /version` (spin refuses to run without it): Spinnaker sends `{version}`; Genoa adds `service`. */
export const GateVersionSchema = z.looseObject({
  version: z.string(),
  service: z.string().optional(),
});
/** See {@link GateVersionSchema}. */
export type GateVersion = z.infer<typeof GateVersionSchema>;

/** Readiness of a service or of one of its dependencies. */
export const HealthStatusSchema = z.enum(['UP', 'DOWN']);
/** See {@link HealthStatusSchema}. */
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

/** One dependency check in a `/health` answer. */
export const HealthCheckResultSchema = z.looseObject({
  status: HealthStatusSchema,
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});
/** See {@link HealthCheckResultSchema}. */
export type HealthCheckResult = z.infer<typeof HealthCheckResultSchema>;

/** Gate's `GET /health` (Spring-actuator style): overall status, optional reason, one entry per check. */
export const GateHealthSchema = z.looseObject({
  status: HealthStatusSchema,
  reason: z.string().optional(),
  checks: z.record(z.string(), HealthCheckResultSchema).default({}),
});
/** See {@link GateHealthSchema}. */
export type GateHealth = z.infer<typeof GateHealthSchema>;

/** Gate's version. */
export const getGateVersion = (signal?: AbortSignal): Promise<GateVersion> =>
  gateGet('/version', GateVersionSchema, { signal });

/** Gate's readiness; a 503 with a health body is an answer (DOWN), not a failure. */
export const getGateHealth = (signal?: AbortSignal): Promise<GateHealth> =>
  gateGet('/health', GateHealthSchema, { signal, acceptStatuses: [503] });
