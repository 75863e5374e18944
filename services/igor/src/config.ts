import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** igor's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.igor),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
});
/** igor's validated configuration. */
export type IgorConfig = z.infer<typeof configSchema>;

/** Parses igor's configuration from an environment map. */
export const loadIgorConfig = (env: Record<string, string | undefined>): IgorConfig =>
  loadConfig(configSchema, env);
