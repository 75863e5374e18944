import { runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { configSchema } from './config.js';

await runService({
  service: 'deck',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
