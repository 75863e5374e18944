import { pino, type Logger, type LoggerOptions } from 'pino';

/** Paths pino blanks out wherever they appear in a log line. */
export const REDACTED_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-genoa-identity-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.secretKey',
  '*.accessKey',
  '*.apiToken',
  'headers.authorization',
  'config.GENOA_INTERNAL_SECRET',
]);

/** Options for {@link createLogger}. */
export interface CreateLoggerOptions {
  service: string;
  version?: string;
  level?: LoggerOptions['level'];
  /** Human-readable output (pino-pretty); use only on a terminal. */
  pretty?: boolean;
}

/**
 * The suite's pino logger: base fields `{service, version}`, ISO timestamps, secrets redacted,
 * pretty output only when asked (on a TTY). Messages are fixed lowercase sentences; data goes in
 * fields (`log.info({ stageId }, 'stage completed')`).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service, version: options.version },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  });
}

export type { Logger };
