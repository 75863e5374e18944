import { defaultPorts } from '@genoa/shared';
import {
  boolVar,
  commonConfigShape,
  intVar,
  keepCompletedVars,
  loadConfig,
  portVar,
} from '@genoa/shared/node';
import { z } from 'zod';

/** A comma-separated list from an env string. */
const listVar = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );

/** orca's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.orca),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  /** front50's base URL (config orchestrations, pipeline stage, application pipelines listing). */
  FRONT50_URL: z.url().default(`http://127.0.0.1:${defaultPorts.front50}`),
  /** clouddriver's base URL (manifest stages, clusterSize precondition). */
  CLOUDDRIVER_URL: z.url().default(`http://127.0.0.1:${defaultPorts.clouddriver}`),
  /** igor's base URL (jenkins stage: start, follow and stop Jenkins builds). */
  IGOR_URL: z.url().default(`http://127.0.0.1:${defaultPorts.igor}`),
  /** Run the engine worker in this process (off = API only). */
  ORCA_WORKER_ENABLED: boolVar(true),
  /** Engine messages handled at once by this process. */
  ORCA_WORKER_CONCURRENCY: intVar(20, 1, 1000),
  /** Follow-up messages of one execution a worker handles in-process after a queued one (0 = none). */
  ORCA_INLINE_MESSAGES: intVar(32, 0, 1000),
  /** Pipeline start requests handled at once (orca-pipeline-requests). */
  ORCA_START_REQUEST_CONCURRENCY: intVar(4, 1, 100),
  /** Completed start requests kept (seconds, count): the queue's dedupe window, and its memory. */
  ...keepCompletedVars('ORCA_START_REQUESTS'),
  /** How long a handler may hold an execution's lock (fenced; renewed by nobody). */
  ORCA_EXECUTION_LOCK_TTL_MS: intVar(15_000, 1_000, 600_000),
  /** BullMQ job lock: a worker that dies is noticed after about this long. */
  ORCA_QUEUE_LOCK_DURATION_MS: intVar(30_000, 1_000, 600_000),
  /** BullMQ stalled-job check interval. */
  ORCA_QUEUE_STALLED_INTERVAL_MS: intVar(15_000, 500, 600_000),
  /** Keep completed executions this many days. */
  ORCA_RETENTION_MAX_AGE_DAYS: intVar(30, 1, 3650),
  /** Keep at most this many completed executions per pipeline config (orchestrations: per application). */
  ORCA_RETENTION_MAX_PER_PIPELINE: intVar(100, 1, 100_000),
  /** How often the retention sweeper runs. */
  ORCA_RETENTION_INTERVAL_MS: intVar(60_000, 100, 86_400_000),
  /** How often the reconciler looks for executions with no pending work. */
  ORCA_RECONCILER_INTERVAL_MS: intVar(30_000, 100, 3_600_000),
  /** An execution idle this long is checked (and repaired) by the reconciler. */
  ORCA_RECONCILER_IDLE_MS: intVar(60_000, 100, 3_600_000),
  /** Publish orca:pipeline/stage/task events on the echo-events queue. */
  ORCA_EVENTS_ENABLED: boolVar(true),
  /** Most orca events left waiting on echo-events (echo down): the oldest beyond it are removed. */
  ORCA_EVENTS_MAX_BACKLOG: intVar(100_000, 100, 10_000_000),
  /** Webhook stage: hosts (or IPs) allowed even when private/loopback, comma-separated. */
  ORCA_WEBHOOK_ALLOWED_HOSTS: listVar,
  /** Webhook stage: per-request timeout. */
  ORCA_WEBHOOK_TIMEOUT_MS: intVar(10_000, 100, 300_000),
  /** Time zone of execution windows (Spinnaker's tasks.execution-window.timezone). */
  ORCA_EXECUTION_WINDOW_TIMEZONE: z.string().min(1).default('America/Los_Angeles'),
});
/** orca's validated configuration. */
export type OrcaConfig = z.infer<typeof configSchema>;

/** Parses orca's configuration from an environment map. */
export const loadOrcaConfig = (env: Record<string, string | undefined>): OrcaConfig =>
  loadConfig(configSchema, env);
