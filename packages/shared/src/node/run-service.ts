import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createShutdown, type Shutdown } from './shutdown.js';

/** What `build` gets: the validated config, the logger and the shutdown registry. */
export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  shutdown: Shutdown;
}

/** Options for {@link runService}. */
export interface RunServiceOptions<S extends z.ZodObject> {
  service: string;
  version: string;
  configSchema: S;
  env: Record<string, string | undefined>;
  /** Builds the app (and connects what it needs, registering closers on `shutdown`). */
  build(context: ServiceContext<z.infer<S>>): Promise<FastifyInstance>;
}

/** The config fields {@link runService} itself reads. */
interface RunnableConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  LOG_PRETTY: boolean;
  SHUTDOWN_TIMEOUT_MS: number;
}

/**
 * The composition root every service's `main.ts` calls: validates env (exiting with every bad
 * variable listed), creates the logger, builds the app, listens on HOST:PORT, and wires SIGTERM
 * to a graceful shutdown (drain HTTP, close workers, then connections).
 */
export async function runService<S extends z.ZodObject>(options: RunServiceOptions<S>): Promise<void> {
  const started = performance.now();
  let config: z.infer<S> & RunnableConfig;
  try {
    config = loadConfig(options.configSchema, options.env) as z.infer<S> & RunnableConfig;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${options.service}: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger({
    service: options.service,
    version: options.version,
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY,
  });
  const shutdown = createShutdown(logger, config.SHUTDOWN_TIMEOUT_MS);
  shutdown.installSignalHandlers();
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  try {
    const app = await options.build({ config, logger, shutdown });
    shutdown.register('http', 'http-server', () => closeDraining(app));
    await app.listen({ port: config.PORT, host: config.HOST });
    logger.info(
      { url: `http://${config.HOST}:${config.PORT}`, startupMs: Math.round(performance.now() - started) },
      'service started',
    );
  } catch (err) {
    logger.fatal({ err }, 'service failed to start');
    await shutdown.run('startup failure');
    process.exit(1);
  }
}

/**
 * Stops accepting connections and waits for in-flight requests; keep-alive sockets that fall idle
 * once their request is answered are closed as they do, so the drain ends when the work does.
 */
async function closeDraining(app: FastifyInstance): Promise<void> {
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweeper);
  }
}
