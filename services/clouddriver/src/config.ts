import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** clouddriver's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.clouddriver),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
});
/** clouddriver's validated configuration. */
export type ClouddriverConfig = z.infer<typeof configSchema>;

/** Parses clouddriver's configuration from an environment map. */
export const loadClouddriverConfig = (env: Record<string, string | undefined>): ClouddriverConfig =>
  loadConfig(configSchema, env);
