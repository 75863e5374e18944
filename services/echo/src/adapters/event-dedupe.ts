import type { Redis } from 'ioredis';

/**
 * Remembers processed eventIds (`{echo}:event:<id>`, with a TTL) so each event is processed once
 * in effect: redeliveries and re-sends of a processed id are dropped.
 */
export class RedisEventDedupe {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  private key = (eventId: string) => `{echo}:event:${eventId}`;

  async seen(eventId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(eventId))) === 1;
  }

  /** Marks an id processed; false if it already was (another worker won). */
  async mark(eventId: string): Promise<boolean> {
    return (await this.redis.set(this.key(eventId), '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }
}
