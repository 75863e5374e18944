import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { hashSecret, verifySecret } from './secrets.js';

const PREFIX = '{gate}';

const TokenRecordSchema = z.object({
  id: z.string(),
  username: z.string(),
  roles: z.array(z.string()),
  hash: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  description: z.string().optional(),
});
/** A stored API token (only the scrypt hash of its secret is kept). */
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

const SessionSchema = z.object({
  username: z.string(),
  roles: z.array(z.string()),
  csrf: z.string(),
  createdAt: z.number(),
});
/** A browser session. */
export type Session = z.infer<typeof SessionSchema>;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * API tokens and sessions in Redis under `{gate}`. Tokens look like `gt_<id>.<secret>`; the secret
 * is stored scrypt-hashed, and a verified token is remembered in memory by its SHA-256 so scrypt
 * runs once per token per process (the Redis record is still read per request, so revocation is
 * immediate). Session ids are 256-bit random; Redis keys hold their SHA-256 only.
 */
export class CredentialStore {
  private readonly verified = new Map<string, string>();
  constructor(private readonly redis: Redis) {}

  /** Creates a token for `username`/`roles`; returns the token text (shown once) and its record. */
  async createToken(input: {
    username: string;
    roles: string[];
    createdBy: string;
    ttlSeconds?: number;
    description?: string;
  }): Promise<{ token: string; record: Omit<TokenRecord, 'hash'> }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = Date.now();
    const record: TokenRecord = {
      id,
      username: input.username,
      roles: input.roles,
      hash: await hashSecret(secret),
      createdBy: input.createdBy,
      createdAt: now,
      ...(input.ttlSeconds ? { expiresAt: now + input.ttlSeconds * 1000 } : {}),
      ...(input.description ? { description: input.description } : {}),
    };
    const key = `${PREFIX}:token:${id}`;
    if (input.ttlSeconds) await this.redis.set(key, JSON.stringify(record), 'EX', input.ttlSeconds);
    else await this.redis.set(key, JSON.stringify(record));
    const { hash: _hash, ...shown } = record;
    return { token: `gt_${id}.${secret}`, record: shown };
  }

  /** The token's record if the text is a live, valid token; otherwise undefined. */
  async verifyToken(token: string): Promise<TokenRecord | undefined> {
    const match = /^gt_([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
    if (!match) return undefined;
    const [, id, secret] = match as unknown as [string, string, string];
    const raw = await this.redis.get(`${PREFIX}:token:${id}`);
    if (!raw) return undefined;
    const record = TokenRecordSchema.parse(JSON.parse(raw));
    if (record.expiresAt !== undefined && record.expiresAt < Date.now()) return undefined;
    const digest = sha(token);
    if (this.verified.get(id) === digest) return record;
    if (!(await verifySecret(secret, record.hash))) return undefined;
    this.verified.set(id, digest);
    return record;
  }

  /** Revokes a token; false when it did not exist. */
  async revokeToken(id: string): Promise<boolean> {
    this.verified.delete(id);
    return (await this.redis.del(`${PREFIX}:token:${id}`)) > 0;
  }

  /** Starts a session; returns its id (the cookie value) and CSRF token. */
  async createSession(
    username: string,
    roles: string[],
    ttlSeconds: number,
  ): Promise<{ id: string; csrf: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const session: Session = { username, roles, csrf, createdAt: Date.now() };
    await this.redis.set(`${PREFIX}:session:${sha(id)}`, JSON.stringify(session), 'EX', ttlSeconds);
    return { id, csrf };
  }

  /** The live session of a cookie value, if any. */
  async getSession(id: string): Promise<Session | undefined> {
    if (id.length > 100) return undefined;
    const raw = await this.redis.get(`${PREFIX}:session:${sha(id)}`);
    return raw ? SessionSchema.parse(JSON.parse(raw)) : undefined;
  }

  /** Ends a session. */
  async deleteSession(id: string): Promise<void> {
    await this.redis.del(`${PREFIX}:session:${sha(id)}`);
  }

  /** Keeps a pending login's data (OIDC state → verifier, nonce, return URL) for `ttlSeconds`. */
  async putLogin(state: string, data: Record<string, string>, ttlSeconds: number): Promise<void> {
    await this.redis.set(`${PREFIX}:login:${sha(state)}`, JSON.stringify(data), 'EX', ttlSeconds);
  }

  /** Takes a pending login's data once (a replayed callback finds nothing). */
  async takeLogin(state: string): Promise<Record<string, string> | undefined> {
    if (state.length > 200) return undefined;
    const raw = await this.redis.getdel(`${PREFIX}:login:${sha(state)}`);
    return raw ? z.record(z.string(), z.string()).parse(JSON.parse(raw)) : undefined;
  }
}
