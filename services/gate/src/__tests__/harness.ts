import type { EchoEvent } from '@genoa/shared';
import { createLogger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp, type GateDeps } from '../app.js';
import { CredentialStore } from '../auth/credential-store.js';
import { loadGateConfig } from '../config.js';
import type { EventSink } from '../context.js';
import { createDownstream, createDownstreamPool, downstreamHealthChecks } from '../downstream.js';
import type { StandIns } from './stand-ins.js';
import { bootstrapAdmin } from '../auth/bootstrap-admin.js';
import { LiveEventHub } from '../live/live-event-hub.js';

/** A test gate wired to stand-ins and a real Redis, with the webhook events it enqueued. */
export interface TestGate {
  app: FastifyInstance;
  redis: Redis;
  events: EchoEvent[];
  live: LiveEventHub;
  close(): Promise<void>;
}

/** The internal secret test gates sign identity with. */
export const TEST_SECRET = 'test-internal-secret-0123456789';

/** Builds a gate over the stand-ins with `env` overrides. */
export async function startTestGate(
  standIns: StandIns,
  redisUrl: string,
  env: Record<string, string> = {},
  sink?: (redis: Redis) => EventSink,
  deps: Partial<GateDeps> = {},
): Promise<TestGate> {
  const config = loadGateConfig({
    ORCA_URL: standIns.urls.orca,
    FRONT50_URL: standIns.urls.front50,
    CLOUDDRIVER_URL: standIns.urls.clouddriver,
    ECHO_URL: standIns.urls.echo,
    IGOR_URL: standIns.urls.igor,
    GENOA_INTERNAL_SECRET: TEST_SECRET,
    GATE_TASK_POLL_INTERVAL_MS: '10',
    GATE_TASK_MAX_POLLS: '3',
    GATE_DOWNSTREAM_TIMEOUT_MS: '2000',
    ...env,
  });
  const redis = new Redis(redisUrl, { lazyConnect: false });
  const events: EchoEvent[] = [];
  const pool = createDownstreamPool(config);
  const downstream = createDownstream(config, pool.fetch);
  const logger = createLogger({ service: 'gate', level: 'silent' });
  const live = new LiveEventHub(new Redis(redisUrl), logger, redis);
  const app = buildApp({
    extraUser: await bootstrapAdmin(
      config.GATE_ADMIN_USERNAME,
      config.GATE_ADMIN_PASSWORD,
      config.GATE_ADMIN_ROLES,
    ),
    config,
    logger,
    version: '0.0.0-test',
    downstream,
    store: new CredentialStore(redis),
    events: sink?.(redis) ?? { enqueue: async (e) => void events.push(e) },
    healthChecks: downstreamHealthChecks(downstream, pool.fetch),
    live,
    ...deps,
  });
  await app.ready();
  return {
    app,
    redis,
    events,
    live,
    async close() {
      await app.close();
      live.close();
      await pool.agent.close();
      redis.disconnect();
    },
  };
}

/** `Authorization: Basic` for a user. */
export const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
