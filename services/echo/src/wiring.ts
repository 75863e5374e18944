import { createServiceClient, createRedis, keepCompleted, type Logger } from '@genoa/shared/node';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { RedisEventDedupe } from './adapters/event-dedupe.js';
import { createEventWorker, EventQueue } from './adapters/event-queue.js';
import { igorPort } from './adapters/igor-client.js';
import { createNotificationWorker, NotificationDispatcher } from './adapters/notification-queue.js';
import { PipelineCache } from './adapters/pipeline-cache.js';
import { QueuePipelineStarter } from './adapters/pipeline-starter.js';
import type { EchoConfig } from './config.js';
import { EventProcessor, type LifecycleListener } from './event-processor.js';
import { CronScheduler } from './scheduler/cron-scheduler.js';
import { triggerDefinitions } from './triggers/index.js';

/** echo's running parts (main.ts and in-process tests use the same wiring). */
export interface EchoParts {
  cache: PipelineCache;
  intake: EventQueue;
  processor: EventProcessor;
  cron: CronScheduler;
  starter: QueuePipelineStarter;
  notifications: NotificationDispatcher;
  /** Starts the cache, the intake worker and (if enabled) the scheduler. */
  start(): Promise<void>;
  /** Stops them in reverse order. */
  stop(): Promise<void>;
}

/** Wires echo from config: Front50 cache, igor client, queues, dedupe, processor, scheduler. */
export function wireEcho(
  config: EchoConfig,
  redis: Redis,
  logger: Logger,
  extraListeners: LifecycleListener[] = [],
): EchoParts {
  const notifications = new NotificationDispatcher(redis, config);
  const listeners = [notifications, ...extraListeners];
  const front50 = createServiceClient({
    service: 'front50',
    baseUrl: config.FRONT50_URL,
    internalSecret: config.GENOA_INTERNAL_SECRET,
    retries: 2,
  });
  const igor = createServiceClient({
    service: 'igor',
    baseUrl: config.IGOR_URL,
    internalSecret: config.GENOA_INTERNAL_SECRET,
    retries: 2,
  });
  const cache = new PipelineCache(front50, config.ECHO_PIPELINE_CACHE_REFRESH_MS, logger);
  const intake = new EventQueue(redis);
  const starter = new QueuePipelineStarter(redis);
  const processor = new EventProcessor({
    source: cache,
    definitions: triggerDefinitions,
    ctx: { igor: igorPort(igor) },
    starter,
    dedupe: new RedisEventDedupe(redis, config.ECHO_EVENT_DEDUPE_TTL_SECONDS),
    listeners,
    logger,
  });
  const cron = new CronScheduler({
    source: cache,
    redis,
    accept: (event) => intake.accept(event),
    timeZone: config.ECHO_CRON_TIMEZONE,
    checkIntervalMs: config.ECHO_CRON_CHECK_INTERVAL_MS,
    misfireWindowMs: config.ECHO_CRON_MISFIRE_WINDOW_SECONDS * 1000,
    logger,
  });
  let worker: Worker | undefined;
  let notifier: Worker | undefined;
  let notifierRedis: Redis | undefined;
  let workerRedis: Redis | undefined;
  return {
    cache,
    intake,
    processor,
    cron,
    starter,
    notifications,
    async start() {
      await cache.start();
      workerRedis = createRedis(config.REDIS_URL, { name: 'echo-worker', forWorker: true, logger });
      worker = createEventWorker(
        (event) => processor.process(event),
        workerRedis,
        logger,
        config.ECHO_EVENT_CONCURRENCY,
        keepCompleted(config, 'ECHO_EVENTS'),
      );
      notifierRedis = createRedis(config.REDIS_URL, { name: 'echo-notifier', forWorker: true, logger });
      notifier = createNotificationWorker(config, notifierRedis, logger);
      if (config.ECHO_CRON_ENABLED) cron.start();
    },
    async stop() {
      await cron.stop();
      await worker?.close();
      await notifier?.close();
      await notifications.close();
      notifierRedis?.disconnect();
      workerRedis?.disconnect();
      cache.stop();
      await intake.close();
      await starter.close();
    },
  };
}
