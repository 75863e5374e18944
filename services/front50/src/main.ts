import { runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { bucketHealthCheck, openBucket } from './adapters/s3-bucket.js';
import { buildApp } from './app.js';
import { configSchema } from './config.js';

await runService({
  service: 'front50',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const s3 = await openBucket(config, logger);
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      healthChecks: [bucketHealthCheck(s3, config.FRONT50_BUCKET)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
