import { createRedis, keepCompleted, type Redis } from '@genoa/shared/node';
import type { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { BullmqEngineQueue } from '../adapters/bullmq-engine-queue.js';
import { engineMessageCounter, startEngineWorker } from '../adapters/bullmq-engine-worker.js';
import { BullmqEventPublisher, noEvents } from '../adapters/bullmq-event-publisher.js';
import { ClouddriverHttpClient } from '../adapters/clouddriver-http-client.js';
import { RedisLiveEventPublisher } from '../adapters/redis-live-event-publisher.js';
import { Front50HttpClient } from '../adapters/front50-http-client.js';
import { GuardedHttpFetcher } from '../adapters/guarded-http-fetcher.js';
import { IgorHttpClient } from '../adapters/igor-http-client.js';
import { RedisExecutionRepository } from '../adapters/redis-execution-repository.js';
import { startRequestWorker } from '../adapters/start-request-worker.js';
import type { OrcaConfig } from '../config.js';
import type { Clock, ExpressionEvaluator, Front50 } from '../ports.js';
import { createEngine, type Engine } from './create-engine.js';
import { every, Reconciler } from './reconciler.js';

/** orca's running parts: the engine on Redis/BullMQ, its workers and background loops. */
export interface OrcaRuntime {
  engine: Engine;
  repository: RedisExecutionRepository;
  front50: Front50;
  clock: Clock;
  reconciler: Reconciler;
  /** Engine message counter (`orca_engine_messages_total`). */
  counter: ReturnType<typeof engineMessageCounter>;
  /** Stops workers and loops (then close connections). */
  stopWorkers(): Promise<void>;
  /** Closes the queues and the worker connection. */
  closeConnections(): Promise<void>;
}

/** Builds the runtime from config on an open Redis connection; starts workers when enabled. */
export function createRuntime(
  config: OrcaConfig,
  redis: Redis,
  logger: Logger,
  options: { expressions?: ExpressionEvaluator } = {},
): OrcaRuntime {
  const clock: Clock = { now: () => Date.now() };
  const repository = new RedisExecutionRepository(redis, { lockTtlMs: config.ORCA_EXECUTION_LOCK_TTL_MS });
  const queue = new BullmqEngineQueue(redis);
  const publisher = config.ORCA_EVENTS_ENABLED
    ? new BullmqEventPublisher(redis, logger, { maxBacklog: config.ORCA_EVENTS_MAX_BACKLOG })
    : undefined;
  const front50 = new Front50HttpClient(config.FRONT50_URL, config.GENOA_INTERNAL_SECRET);
  const http = new GuardedHttpFetcher({
    allowedHosts: config.ORCA_WEBHOOK_ALLOWED_HOSTS,
    timeoutMs: config.ORCA_WEBHOOK_TIMEOUT_MS,
  });
  const engine = createEngine({
    repository,
    queue,
    events: new RedisLiveEventPublisher(redis, publisher ?? noEvents, logger),
    clock,
    logger,
    front50,
    clouddriver: new ClouddriverHttpClient(config.CLOUDDRIVER_URL, config.GENOA_INTERNAL_SECRET),
    igor: new IgorHttpClient(config.IGOR_URL, config.GENOA_INTERNAL_SECRET),
    http,
    expressions: options.expressions,
    windowTimeZone: config.ORCA_EXECUTION_WINDOW_TIMEZONE,
    inlineMessages: config.ORCA_INLINE_MESSAGES,
  });
  const reconciler = new Reconciler(repository, queue, clock, logger, {
    idleMs: config.ORCA_RECONCILER_IDLE_MS,
  });
  const counter = engineMessageCounter();
  const workers: Worker[] = [];
  const loops: (() => Promise<void>)[] = [];
  let workerConnection: Redis | undefined;
  if (config.ORCA_WORKER_ENABLED) {
    workerConnection = createRedis(config.REDIS_URL, { name: 'orca-worker', forWorker: true, logger });
    workers.push(
      startEngineWorker(engine.deps, workerConnection, logger, {
        concurrency: config.ORCA_WORKER_CONCURRENCY,
        lockDurationMs: config.ORCA_QUEUE_LOCK_DURATION_MS,
        stalledIntervalMs: config.ORCA_QUEUE_STALLED_INTERVAL_MS,
        counter,
      }),
      startRequestWorker(
        engine.launcher,
        workerConnection,
        logger,
        config.ORCA_START_REQUEST_CONCURRENCY,
        keepCompleted(config, 'ORCA_START_REQUESTS'),
      ),
    );
    loops.push(every(config.ORCA_RECONCILER_INTERVAL_MS, logger, 'reconciler', () => reconciler.reconcile()));
    loops.push(
      every(config.ORCA_RETENTION_INTERVAL_MS, logger, 'retention', async () => {
        const removed = await repository.sweep({
          completedBefore: clock.now() - config.ORCA_RETENTION_MAX_AGE_DAYS * 24 * 60 * 60 * 1000,
          maxPerConfig: config.ORCA_RETENTION_MAX_PER_PIPELINE,
          batch: 1000,
        });
        if (removed > 0) logger.info({ removed }, 'retention removed executions');
      }),
    );
  }
  return {
    engine,
    repository,
    front50,
    clock,
    reconciler,
    counter,
    async stopWorkers() {
      await Promise.all([...loops.map((stop) => stop()), ...workers.map((w) => w.close())]);
    },
    async closeConnections() {
      await Promise.all([queue.close(), publisher?.close()]);
      workerConnection?.disconnect();
    },
  };
}
