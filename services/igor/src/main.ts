import { openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { QueueEventPublisher } from './adapters/echo-publisher.js';
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { wireIgor } from './wiring.js';

await runService({
  service: 'igor',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'igor', shutdown, logger });
    const publisher = new QueueEventPublisher(redis);
    const parts = wireIgor(config, redis, publisher, logger);
    shutdown.register('workers', 'echo-publisher', () => publisher.close());
    if (config.IGOR_POLLING_ENABLED) {
      parts.poller.start();
      shutdown.register('workers', 'poller', () => parts.poller.stop());
    }
    logger.info({ masters: config.IGOR_JENKINS_MASTERS.map((m) => m.name) }, 'jenkins masters configured');
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      ...parts,
      healthChecks: [redisHealthCheck(redis)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
