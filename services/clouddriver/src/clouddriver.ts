import type { HealthCheck, Logger } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { AccountRegistry } from './adapters/accounts.js';
import { LiveCache } from './adapters/live-cache.js';
import { publishInfrastructureEvents } from './adapters/redis-live-event-publisher.js';
import { RedisTaskRepository } from './adapters/redis-task-repository.js';
import { buildApp } from './app.js';
import type { ClouddriverConfig } from './config.js';
import { DockerRegistryAccounts } from './docker-registry/docker-registry-accounts.js';
import { defaultAccounts } from './domain/accounts.js';
import { OperationRunner } from './operation-runner.js';

/** A wired clouddriver: its app plus what must be started and stopped around it. */
export interface Clouddriver {
  app: FastifyInstance;
  accounts: AccountRegistry;
  runner: OperationRunner;
  cache: LiveCache;
  dockerRegistries: DockerRegistryAccounts;
  /** Starts the task sweeper and the informers (readiness stays DOWN until they have synced). */
  start(): Promise<void>;
  /** Stops background work (waits briefly for running tasks). */
  stop(): Promise<void>;
}

/** Inputs of {@link createClouddriver}. */
export interface CreateClouddriverOptions {
  config: ClouddriverConfig;
  logger: Logger;
  version: string;
  redis: Redis;
  healthChecks?: HealthCheck[];
  isShuttingDown?: () => boolean;
  ownerId?: string;
}

/**
 * Wires clouddriver from its configuration: the accounts (`CLOUDDRIVER_ACCOUNTS`, else `local`
 * from `KUBECONFIG`), the Redis task repository, the operation runner and the app.
 */
export function createClouddriver(options: CreateClouddriverOptions): Clouddriver {
  const { config, logger } = options;
  const accounts = new AccountRegistry(
    config.CLOUDDRIVER_ACCOUNTS ?? defaultAccounts(config.KUBECONFIG),
    config.CLOUDDRIVER_KUBE_REQUEST_TIMEOUT_MS,
  );
  const tasks = new RedisTaskRepository(
    options.redis,
    config.CLOUDDRIVER_TASK_RETENTION_SECONDS,
    config.CLOUDDRIVER_TASK_LEASE_MS,
  );
  const runner = new OperationRunner({
    repository: tasks,
    accounts,
    logger,
    leaseMs: config.CLOUDDRIVER_TASK_LEASE_MS,
    ownerId: options.ownerId,
  });
  const cache = new LiveCache(accounts, logger);
  const dockerRegistries = new DockerRegistryAccounts(config.CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS, logger);
  publishInfrastructureEvents(cache, options.redis, logger);
  const cacheCheck: HealthCheck = {
    name: 'kubernetes-cache',
    async check() {
      const pending = cache.unsynced();
      if (!started || pending.length > 0)
        throw new Error(`informers not synced yet: ${pending.join(', ') || 'starting'}`);
    },
  };
  let started = false;
  const app = buildApp({
    config,
    logger,
    version: options.version,
    accounts,
    runner,
    cache,
    tasks,
    dockerRegistries,
    healthChecks: [...(options.healthChecks ?? []), cacheCheck],
    isShuttingDown: options.isShuttingDown,
  });
  logger.info({ accounts: accounts.list().map((a) => a.name) }, 'accounts loaded');
  return {
    app,
    accounts,
    runner,
    cache,
    dockerRegistries,
    async start() {
      await runner.start();
      // Informers sync in the background; readiness reports DOWN until they have.
      void cache.start().then(() => {
        started = true;
        logger.info({ accounts: accounts.list().length }, 'kubernetes cache synced');
      });
    },
    async stop() {
      await cache.stop();
      await runner.stop();
    },
  };
}
