import { z } from 'zod';
import { formatPath } from '../contracts/validation.js';

/** A configuration problem found at startup; lists every invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A TCP port from an env string, 1–65535. */
export const portVar = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

/** An integer from an env string within [min, max]. */
export const intVar = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A boolean from an env string: true/false/1/0/yes/no (any case). */
export const boolVar = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'True', 'False', 'YES', 'NO'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes'].includes(v.toLowerCase()));

/** A URL from an env string. */
export const urlVar = (fallback?: string) =>
  fallback === undefined ? z.url().optional() : z.url().default(fallback);

/** The log levels pino accepts. */
export const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Variables every service reads. Service-specific variables are prefixed with the service name
 * (`ORCA_TASK_CONCURRENCY`); shared infrastructure is unprefixed.
 */
export const commonConfigShape = {
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: LogLevelSchema.default('info'),
  /** Pretty logs: default on when stdout is a terminal. */
  LOG_PRETTY: boolVar(false),
  /** Shared secret that signs identity headers between services; unset = identity never trusted. */
  GENOA_INTERNAL_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Grace period for draining on SIGTERM before the process is forced out. */
  SHUTDOWN_TIMEOUT_MS: intVar(4_000, 100, 120_000),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: intVar(5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
};

/**
 * Parses `env` with the zod object `schema` and returns a frozen, typed config; throws a
 * {@link ConfigError} naming every invalid variable (not just the first).
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value !== '') cleaned[key] = value;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: formatPath(issue.path) || '(env)',
        message: issue.message,
      })),
    );
  }
  return Object.freeze(result.data) as z.infer<S>;
}
