import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** echo's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.echo),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
});
/** echo's validated configuration. */
export type EchoConfig = z.infer<typeof configSchema>;

/** Parses echo's configuration from an environment map. */
export const loadEchoConfig = (env: Record<string, string | undefined>): EchoConfig =>
  loadConfig(configSchema, env);
