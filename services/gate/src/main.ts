import { createRedis, openRedis, redisHealthCheck, runService } from '@genoa/shared/node';
import packageJson from '../package.json' with { type: 'json' };
import { buildApp } from './app.js';
import { bootstrapAdmin } from './auth/bootstrap-admin.js';
import { CredentialStore } from './auth/credential-store.js';
import { configSchema } from './config.js';
import { createEchoEventSink } from './echo-event-sink.js';
import { createDownstream, createDownstreamPool, downstreamHealthChecks } from './downstream.js';
import { LiveEventHub } from './live/live-event-hub.js';

await runService({
  service: 'gate',
  version: packageJson.version,
  configSchema,
  env: process.env,
  async build({ config, logger, shutdown }) {
    const redis = await openRedis(config.REDIS_URL, { name: 'gate', shutdown, logger });
    const events = createEchoEventSink(redis);
    shutdown.register('clients', 'echo-events queue', () => events.close());
    const pool = createDownstreamPool(config);
    shutdown.register('connections', 'downstream pool', () => pool.agent.close());
    const downstream = createDownstream(config, pool.fetch);
    const subscriber = createRedis(config.REDIS_URL, { name: 'gate-live', forWorker: true, logger });
    const live = new LiveEventHub(subscriber, logger, redis);
    shutdown.register('connections', 'redis:gate-live', () => live.close());
    return buildApp({
      config,
      logger,
      version: packageJson.version,
      downstream,
      store: new CredentialStore(redis),
      events,
      live,
      healthChecks: [redisHealthCheck(redis), ...downstreamHealthChecks(downstream, pool.fetch)],
      isShuttingDown: () => shutdown.shuttingDown,
      extraUser: await bootstrapAdmin(
        config.GATE_ADMIN_USERNAME,
        config.GATE_ADMIN_PASSWORD,
        config.GATE_ADMIN_ROLES,
      ),
    });
  },
});
