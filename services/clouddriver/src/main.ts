import { openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { createClouddriver } from './clouddriver.js';
import { configSchema } from './config.js';

await runService({
  service: 'clouddriver',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'clouddriver', shutdown, logger });
    const clouddriver = createClouddriver({
      config,
      logger,
      version: packageJson.version,
      redis,
      healthChecks: [redisHealthCheck(redis)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
    await clouddriver.start();
    shutdown.register('workers', 'clouddriver', () => clouddriver.stop());
    return clouddriver.app;
  },
});
