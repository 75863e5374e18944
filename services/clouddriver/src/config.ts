import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, intVar, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';
import { DockerRegistryAccountListSchema } from './docker-registry/accounts.js';
import { AccountListSchema } from './domain/accounts.js';

/** A JSON env var parsed, then validated with field paths. */
const jsonVar = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not valid JSON: ${(err as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** `CLOUDDRIVER_ACCOUNTS`: a JSON list of accounts, validated with field paths. */
const accountsVar = jsonVar(AccountListSchema).optional();

/** clouddriver's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.clouddriver),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  /** The kubeconfig the default `local` account uses when `CLOUDDRIVER_ACCOUNTS` is unset. */
  KUBECONFIG: z.string().min(1).optional(),
  CLOUDDRIVER_ACCOUNTS: accountsVar,
  /** Docker Registry accounts (Spinnaker's `dockerRegistry.accounts[]`), a JSON list. */
  CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: jsonVar(DockerRegistryAccountListSchema).default([]),
  /** How long finished operation tasks are kept in Redis. */
  CLOUDDRIVER_TASK_RETENTION_SECONDS: intVar(7 * 24 * 3600, 60, 90 * 24 * 3600),
  /** Lease of a running task; a task whose owner stops renewing it is marked failed. */
  CLOUDDRIVER_TASK_LEASE_MS: intVar(15_000, 500, 600_000),
  /** Timeout of one Kubernetes API request. */
  CLOUDDRIVER_KUBE_REQUEST_TIMEOUT_MS: intVar(30_000, 1_000, 600_000),
});
/** clouddriver's validated configuration. */
export type ClouddriverConfig = z.infer<typeof configSchema>;

/** Parses clouddriver's configuration from an environment map. */
export const loadClouddriverConfig = (env: Record<string, string | undefined>): ClouddriverConfig =>
  loadConfig(configSchema, env);
