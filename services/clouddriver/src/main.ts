import { openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { configSchema } from './config.js';

await runService({
  service: 'clouddriver',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'clouddriver', shutdown, logger });
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      healthChecks: [redisHealthCheck(redis)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
