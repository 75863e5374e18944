import { Redis, type RedisOptions } from 'ioredis';
import { ServiceUnavailableError } from '../errors.js';
import type { Logger } from 'pino';
import type { HealthCheck } from './http/health.js';

/** Options for {@link createRedis}. */
export interface CreateRedisOptions {
  /** Connection name shown by `CLIENT LIST` (e.g. `orca-worker`). */
  name: string;
  /** BullMQ workers need `maxRetriesPerRequest: null` (blocking commands). */
  forWorker?: boolean;
  /** Where connection errors are logged (at warn); commands still reject on their own. */
  logger?: Pick<Logger, 'warn'>;
}

/** An ioredis connection to `url` with the suite's settings. */
export function createRedis(url: string, options: CreateRedisOptions): Redis {
  const settings: RedisOptions = {
    connectionName: options.name,
    enableReadyCheck: true,
    maxRetriesPerRequest: options.forWorker ? null : 3,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  };
  const redis = new Redis(url, settings);
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    // ioredis retries by itself; log at most every 5 s so an outage does not flood the log.
    if (!options.logger || Date.now() - lastLogged < 5_000) return;
    lastLogged = Date.now();
    options.logger.warn(
      { err: { message: err.message }, connection: options.name },
      'redis connection error',
    );
  });
  return redis;
}

/**
 * Refuses a Redis that may evict keys: the suite's queues and executions must never vanish under
 * memory pressure. Uses `CONFIG GET`, falling back to `INFO memory` where CONFIG is disabled.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  let policy: string | undefined;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1];
  } catch {
    const info = await redis.info('memory');
    policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
  }
  if (policy !== 'noeviction') {
    throw new ServiceUnavailableError(
      `Redis maxmemory-policy is "${policy ?? 'unknown'}"; Genoa requires "noeviction" ` +
        '(set `maxmemory-policy noeviction` in redis.conf or `CONFIG SET maxmemory-policy noeviction`)',
    );
  }
}

/** A readiness check that PINGs Redis. */
export function redisHealthCheck(redis: Redis, name = 'redis'): HealthCheck {
  return {
    name,
    async check() {
      const pong = await redis.ping();
      if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
    },
  };
}

export type { Redis };

/**
 * Connects to Redis for a service at startup: waits for the connection (up to `timeoutMs`), refuses
 * an evicting Redis, and registers the close on the shutdown's last phase.
 */
export async function openRedis(
  url: string,
  options: CreateRedisOptions & {
    shutdown: { register(phase: 'connections', name: string, close: () => Promise<void>): void };
    timeoutMs?: number;
  },
): Promise<Redis> {
  const redis = createRedis(url, options);
  options.shutdown.register('connections', `redis:${options.name}`, async () => {
    try {
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  });
  const timeoutMs = options.timeoutMs ?? 5_000;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new ServiceUnavailableError(`cannot reach Redis at ${redactUrl(url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  await assertNoEviction(redis);
  return redis;
}

/** A Redis URL with any password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
