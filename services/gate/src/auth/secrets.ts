import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (secret: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const N = 16_384;
const R = 8;
const P = 1;
const KEYLEN = 32;

/** Hashes a password or token secret with scrypt: `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, KEYLEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

const inFlight = new Map<string, Promise<boolean>>();

/**
 * Whether `secret` matches a hash made by {@link hashSecret} (constant-time; false on a malformed
 * hash). Concurrent checks of the same secret against the same hash share one scrypt run, so a
 * burst of requests with a new credential costs one derivation, not one per request.
 */
export function verifySecret(secret: string, hash: string): Promise<boolean> {
  const key = createHash('sha256').update(`${hash}\0${secret}`).digest('hex');
  let pending = inFlight.get(key);
  if (!pending) {
    pending = derive(secret, hash).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function derive(secret: string, hash: string): Promise<boolean> {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!n || !r || !p || n > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length < 16) return false;
  const key = await scryptAsync(secret, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r * 2 });
  return timingSafeEqual(key, expected);
}
