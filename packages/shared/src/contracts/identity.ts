/**
 * Identity headers carried on internal calls (kork's names). They are trusted only when signed:
 * see `signIdentity`/`verifyIdentity` in `@genoa/shared/node`. Gate strips them from outside calls.
 */
export const IdentityHeader = {
  USER: 'x-spinnaker-user',
  ACCOUNTS: 'x-spinnaker-accounts',
  USER_ORIGIN: 'x-spinnaker-user-origin',
  REQUEST_ID: 'x-spinnaker-request-id',
  APPLICATION: 'x-spinnaker-application',
  EXECUTION_ID: 'x-spinnaker-execution-id',
  EXECUTION_TYPE: 'x-spinnaker-execution-type',
  ACCOUNT: 'x-spinnaker-account',
  CLOUD_PROVIDER: 'x-spinnaker-cloud-provider',
  /** Genoa: HMAC-SHA256 signature over the identity, method, path and timestamp (`v1=<hex>`). */
  SIGNATURE: 'x-genoa-identity-signature',
  /** Genoa: epoch ms the signature was made at; signatures older than the allowed skew are refused. */
  TIMESTAMP: 'x-genoa-identity-timestamp',
  /** Genoa: the user's roles as a JSON array (signed; sent when gate knows them, e.g. judgment roles). */
  ROLES: 'x-genoa-identity-roles',
} as const;

/** The user Spinnaker falls back to when no identity is present. */
export const ANONYMOUS_USER = 'anonymous';

/** Who a request acts for. */
export interface Identity {
  user: string;
  accounts: string[];
  origin?: string;
  /** The user's roles, when the caller knows them (absent: unknown, not "none"). */
  roles?: string[];
}

/** The identity of an unauthenticated caller. */
export const anonymousIdentity: Identity = Object.freeze({ user: ANONYMOUS_USER, accounts: [] }) as Identity;

/** Every identity header that must be removed from an outside request before it is trusted. */
export const IDENTITY_HEADER_NAMES: readonly string[] = Object.freeze(Object.values(IdentityHeader));
