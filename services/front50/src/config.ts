import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, intVar, loadConfig, portVar } from '@genoa/shared/node';
import { z } from 'zod';

/** front50's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.front50),
  /** S3 endpoint; the local stack points it at its embedded S3 server. */
  S3_ENDPOINT: z.url().default('http://127.0.0.1:9001'),
  S3_ACCESS_KEY: z.string().min(1).default('S3RVER'),
  S3_SECRET_KEY: z.string().min(1).default('S3RVER'),
  S3_REGION: z.string().min(1).default('us-east-1'),
  FRONT50_BUCKET: z.string().min(3).default('genoa'),
  FRONT50_ROOT_FOLDER: z.string().default('front50'),
  /** Longest time one S3 call may take before front50 answers 503. */
  FRONT50_S3_TIMEOUT_MS: intVar(5_000, 100, 120_000),
  /** Versions of each object kept as history (older ones are pruned after each write). */
  FRONT50_HISTORY_MAX_VERSIONS: intVar(50, 1, 10_000),
  /** How far back readers re-list the change log: bounds tolerated clock skew and write time. */
  FRONT50_CHANGE_LOOKBACK_MS: intVar(5_000, 1_000, 600_000),
  /** How long change-log entries are kept before writers prune them. */
  FRONT50_CHANGE_LOG_RETENTION_MS: intVar(1_800_000, 60_000, 86_400_000),
  /** Period of the full reconcile against a listing (safety net; 0 disables it). */
  FRONT50_RECONCILE_INTERVAL_MS: intVar(300_000, 0, 86_400_000),
  /** Parallel GETs while loading or reconciling an index. */
  FRONT50_LOAD_CONCURRENCY: intVar(32, 1, 512),
});
/** front50's validated configuration. */
export type Front50Config = z.infer<typeof configSchema>;

/** Parses front50's configuration from an environment map. */
export const loadFront50Config = (env: Record<string, string | undefined>): Front50Config =>
  loadConfig(configSchema, env);
