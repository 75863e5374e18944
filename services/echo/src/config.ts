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

const timeZone = z
  .string()
  .default('America/Los_Angeles')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Paris');

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** echo's environment variables (see README.md for the table). */
export const configSchema = z.object({
  ...commonConfigShape,
  PORT: portVar(defaultPorts.echo),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  FRONT50_URL: z.url().default(`http://127.0.0.1:${defaultPorts.front50}`),
  IGOR_URL: z.url().default(`http://127.0.0.1:${defaultPorts.igor}`),
  ECHO_PIPELINE_CACHE_REFRESH_MS: intVar(30_000, 500, 3_600_000),
  ECHO_EVENT_CONCURRENCY: intVar(8, 1, 100),
  ECHO_EVENT_DEDUPE_TTL_SECONDS: intVar(86_400, 60, 30 * 86_400),
  ...keepCompletedVars('ECHO_EVENTS'),
  ECHO_CRON_ENABLED: boolVar(true),
  ECHO_CRON_TIMEZONE: timeZone,
  ECHO_CRON_CHECK_INTERVAL_MS: intVar(1_000, 100, 60_000),
  ECHO_CRON_MISFIRE_WINDOW_SECONDS: intVar(3_600, 0, 7 * 86_400),
  ECHO_BASE_URL: z.url().default(`http://localhost:${defaultPorts.deck}`),
  ECHO_SLACK_TOKEN: z.string().optional(),
  ECHO_SLACK_API_URL: z.url().default('https://slack.com/api'),
  ECHO_SMTP_URL: z.url().optional(),
  ECHO_MAIL_FROM: z.string().default('spinnaker@localhost'),
  ECHO_OUTBOUND_ALLOW: list,
  ECHO_NOTIFICATION_ATTEMPTS: intVar(6, 1, 20),
  ECHO_NOTIFICATION_BACKOFF_MS: intVar(2_000, 10, 600_000),
});
/** echo's validated configuration. */
export type EchoConfig = z.infer<typeof configSchema>;

/** Parses echo's configuration from an environment map. */
export const loadEchoConfig = (env: Record<string, string | undefined>): EchoConfig =>
  loadConfig(configSchema, env);
