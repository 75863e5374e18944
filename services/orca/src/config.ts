import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** orca's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.orca),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
});
/** orca's validated configuration. */
export type OrcaConfig = z.infer<typeof configSchema>;

/** Parses orca's configuration from an environment map. */
export const loadOrcaConfig = (env: Record<string, string | undefined>): OrcaConfig =>
  loadConfig(configSchema, env);
