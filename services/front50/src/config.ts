import { defaultPorts } from '@genoa/shared';
import { commonConfigShape, loadConfig, portVar } from '@genoa/shared/node';
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
});
/** front50's validated configuration. */
export type Front50Config = z.infer<typeof configSchema>;

/** Parses front50's configuration from an environment map. */
export const loadFront50Config = (env: Record<string, string | undefined>): Front50Config =>
  loadConfig(configSchema, env);
