import { z } from 'zod';
import { gateGet } from './gate-client.js';

/** Gate's `GET /cron/validate`: echo's verdict on a Quartz expression. */
export const CronVerdictSchema = z.union([
  z.looseObject({ valid: z.literal(true), description: z.string().nullish() }),
  z.looseObject({ valid: z.literal(false), message: z.string() }),
]);
/** See {@link CronVerdictSchema}. */
export type CronVerdict = z.infer<typeof CronVerdictSchema>;

/** Asks gate (echo's scheduler) whether `expression` is a valid cron trigger expression. */
export const validateCron = (expression: string, signal?: AbortSignal): Promise<CronVerdict> =>
  gateGet(`/cron/validate?expression=${encodeURIComponent(expression)}`, CronVerdictSchema, { signal });
