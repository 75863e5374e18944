import { randomUUID } from 'node:crypto';

/**
 * A name no other test uses: `t-<8 hex>` plus an optional label. Use it for queue names, key
 * prefixes and bucket names (lower-case, S3-safe).
 */
export function uniqueName(label = ''): string {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const clean = label.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return clean ? `t-${clean}-${id}` : `t-${id}`;
}
