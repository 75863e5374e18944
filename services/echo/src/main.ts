import { openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { wireEcho } from './wiring.js';

await runService({
  service: 'echo',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'echo', shutdown, logger });
    const parts = wireEcho(config, redis, logger);
    await parts.start();
    shutdown.register('workers', 'echo-workers', () => parts.stop());
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      parts,
      healthChecks: [redisHealthCheck(redis)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
