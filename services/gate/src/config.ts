import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** gate's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.gate),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
});
/** gate's validated configuration. */
export type GateConfig = z.infer<typeof configSchema>;

/** Parses gate's configuration from an environment map. */
export const loadGateConfig = (env: Record<string, string | undefined>): GateConfig =>
  loadConfig(configSchema, env);
