import { createHash } from 'node:crypto';

/**
 * A BullMQ job id for a dedupe key: the key itself when BullMQ accepts it (no `:`, not an integer),
 * else a hash of it. The same key always gives the same id.
 */
export function queueJobId(key: string): string {
  if (!key.includes(':') && !/^\d+$/.test(key) && key.length <= 200) return key;
  return `h-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}
