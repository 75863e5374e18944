import { runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { createS3Storage } from './adapters/storage-factory.js';
import { buildApp } from './app.js';
import { configSchema } from './config.js';

await runService({
  service: 'front50',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const storage = await createS3Storage(config, logger);
    const started = performance.now();
    await storage.warm();
    const objects = Object.fromEntries(Object.values(storage.repos).map((r) => [r.type.name, r.index.size]));
    logger.info({ durationMs: Math.round(performance.now() - started), objects }, 'indexes loaded');
    storage.startReconciling(config.FRONT50_RECONCILE_INTERVAL_MS);
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      storage,
      healthChecks: [
        {
          name: 's3',
          async check() {
            await storage.repos.application.sync();
          },
        },
      ],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
