import { randomBytes } from 'node:crypto';

/** Crockford's base 32, as ULIDs spell it. */
const ENCODING = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random bytes drawn in blocks: one `randomBytes` call serves 256 ids. */
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * A ULID (26 chars: 48-bit millisecond time, 80 random bits). Same format as the `ulid` package,
 * which asks WebCrypto for every character; this one draws random bytes in blocks, so building
 * an execution with many stages stays cheap.
 */
export function ulid(now: number = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i += 1, t = Math.floor(t / 32)) time = ENCODING[t % 32]! + time;
  if (offset + 16 > pool.length) {
    pool = randomBytes(16 * 256);
    offset = 0;
  }
  let random = '';
  for (let i = 0; i < 16; i += 1) random += ENCODING[pool[offset + i]! & 31]; // 256 % 32 = 0: uniform
  offset += 16;
  return time + random;
}
