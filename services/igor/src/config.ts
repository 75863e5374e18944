import { defaultPorts } from '@genoa/shared';
import { boolVar, commonConfigShape, intVar, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';
import { MastersSchema } from './domain/masters.js';

/** `IGOR_JENKINS_MASTERS`: a JSON array of masters, validated (field paths in errors). */
const mastersVar = z
  .string()
  .default('[]')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of masters' });
      return z.NEVER;
    }
  })
  .pipe(MastersSchema);

/** igor's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.igor),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  IGOR_JENKINS_MASTERS: mastersVar,
  IGOR_POLLING_ENABLED: boolVar(true),
  IGOR_POLL_INTERVAL_SECONDS: intVar(60, 1, 86_400),
  IGOR_POLL_CONCURRENCY: intVar(8, 1, 64),
  IGOR_ITEM_UPPER_THRESHOLD: intVar(1000, 1, 1_000_000),
  IGOR_JENKINS_TIMEOUT_MS: intVar(30_000, 100, 300_000),
  /** Poll Docker Registry accounts (Spinnaker's `dockerRegistry.enabled`). */
  IGOR_DOCKER_REGISTRY_ENABLED: boolVar(false),
  /** clouddriver, where igor learns Docker Registry accounts and their tags. */
  CLOUDDRIVER_URL: z.url().default(`http://127.0.0.1:${defaultPorts.clouddriver}`),
});
/** igor's validated configuration. */
export type IgorConfig = z.infer<typeof configSchema>;

/** Parses igor's configuration from an environment map. */
export const loadIgorConfig = (env: Record<string, string | undefined>): IgorConfig =>
  loadConfig(configSchema, env);
