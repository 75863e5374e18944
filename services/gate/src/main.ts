import { QueueName, type EchoEvent } from '@genoa/shared';
import { createQueue, openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { CredentialStore } from './auth/credential-store.js';
import { configSchema } from './config.js';
import { createDownstream, downstreamHealthChecks } from './downstream.js';

await runService({
  service: 'gate',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'gate', shutdown, logger });
    const queue = createQueue<EchoEvent>(QueueName.echoEvents, redis, {
      defaultJobOptions: {
        removeOnComplete: 1_000,
        removeOnFail: 10_000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
      },
    });
    shutdown.register('clients', 'echo-events queue', () => queue.close());
    const downstream = createDownstream(config);
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      downstream,
      store: new CredentialStore(redis),
      events: {
        async enqueue(event) {
          await queue.add(event.details.type, event, { jobId: event.eventId });
        },
      },
      healthChecks: [redisHealthCheck(redis), ...downstreamHealthChecks(downstream)],
      isShuttingDown: () => shutdown.shuttingDown,
    });
  },
});
