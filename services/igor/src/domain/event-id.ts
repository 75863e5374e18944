import { createHash } from 'node:crypto';

/**
 * A deterministic, UUID-shaped event id for one build (name-based, SHA-1 as UUID v5 does), so the
 * poller, the push endpoint and every replica name the same build event identically.
 */
export function buildEventId(master: string, job: string, buildNumber: number): string {
  const hex = createHash('sha1')
    .update(`jenkins\u0000${master}\u0000${job}\u0000${buildNumber}`)
    .digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
