import { openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { configSchema } from './config.js';
import { createRuntime } from './engine/runtime.js';

await runService({
  service: 'orca',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'orca', shutdown, logger });
    const runtime = createRuntime(config, redis, logger);
    shutdown.register('workers', 'orca-engine', () => runtime.stopWorkers());
    shutdown.register('connections', 'orca-queues', () => runtime.closeConnections());
    const { app, metrics } = buildApp({
      config,
      logger,
      version: packageJson.version,
      engine: runtime.engine,
      repository: runtime.repository,
      front50: runtime.front50,
      clock: runtime.clock,
      healthChecks: [redisHealthCheck(redis)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
    metrics.registerMetric(runtime.counter);
    return app;
  },
});
