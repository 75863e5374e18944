import { createHmac, timingSafeEqual } from 'node:crypto';
import { anonymousIdentity, IdentityHeader, type Identity } from '../contracts/identity.js';

/** How far a signature's timestamp may be from now before it is refused. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

function canonical(identity: Identity, method: string, path: string, timestamp: string): string {
  return [
    'v1',
    timestamp,
    method.toUpperCase(),
    path,
    identity.user,
    identity.accounts.join(','),
    identity.origin ?? '',
    ...(identity.roles ? [JSON.stringify(identity.roles)] : []),
  ].join('\n');
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * The identity headers for an internal call to `method path`, signed with the shared secret: the
 * kork names (`X-SPINNAKER-USER`, `X-SPINNAKER-ACCOUNTS`, `X-SPINNAKER-USER-ORIGIN`) plus Genoa's
 * timestamp and HMAC-SHA256 signature over all of them, the method and the path.
 */
export function signIdentity(
  identity: Identity,
  method: string,
  path: string,
  secret: string,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const headers: Record<string, string> = {
    [IdentityHeader.USER]: identity.user,
    [IdentityHeader.ACCOUNTS]: identity.accounts.join(','),
    [IdentityHeader.TIMESTAMP]: timestamp,
    [IdentityHeader.SIGNATURE]: `v1=${mac(secret, canonical(identity, method, path, timestamp))}`,
  };
  if (identity.origin) headers[IdentityHeader.USER_ORIGIN] = identity.origin;
  if (identity.roles) headers[IdentityHeader.ROLES] = JSON.stringify(identity.roles);
  return headers;
}

type HeaderBag = Record<string, string | string[] | undefined>;

const one = (headers: HeaderBag, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The identity a request carries, if its signature is valid for this method and path and recent;
 * otherwise the anonymous identity. Without a secret nothing is trusted.
 */
export function verifyIdentity(
  headers: HeaderBag,
  method: string,
  path: string,
  secret: string | undefined,
  now: number = Date.now(),
): { identity: Identity; verified: boolean } {
  const user = one(headers, IdentityHeader.USER);
  const signature = one(headers, IdentityHeader.SIGNATURE);
  const timestamp = one(headers, IdentityHeader.TIMESTAMP);
  if (!secret || !user || !signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) {
    return { identity: anonymousIdentity, verified: false };
  }
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_MAX_SKEW_MS) {
    return { identity: anonymousIdentity, verified: false };
  }
  const accountsHeader = one(headers, IdentityHeader.ACCOUNTS) ?? '';
  const origin = one(headers, IdentityHeader.USER_ORIGIN);
  const roles = parseRoles(one(headers, IdentityHeader.ROLES));
  if (roles === null) return { identity: anonymousIdentity, verified: false };
  const identity: Identity = {
    user,
    accounts: accountsHeader ? accountsHeader.split(',').filter(Boolean) : [],
    ...(origin ? { origin } : {}),
    ...(roles ? { roles } : {}),
  };
  const expected = Buffer.from(`v1=${mac(secret, canonical(identity, method, path, timestamp))}`);
  const given = Buffer.from(signature);
  const verified = expected.length === given.length && timingSafeEqual(expected, given);
  return verified ? { identity, verified } : { identity: anonymousIdentity, verified: false };
}

/** The roles header: undefined when absent, null when malformed (the identity is then refused). */
function parseRoles(header: string | undefined): string[] | undefined | null {
  if (header === undefined) return undefined;
  try {
    const roles: unknown = JSON.parse(header);
    return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? (roles as string[]) : null;
  } catch {
    return null;
  }
}
