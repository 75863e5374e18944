import { createHash } from 'node:crypto';
import type { Identity } from '@genoa/shared';
import { AuthenticationError, NotAllowedError } from '@genoa/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountCache } from '../account-cache.js';
import type { CredentialStore } from './credential-store.js';
import type { OidcLogin } from './oidc.js';
import { anonymousPrincipal, isAdminRole, type ConfiguredUser, type Principal } from './principal.js';
import { verifySecret } from './secrets.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; undefined when auth is on and none was presented. */
    principal: Principal | undefined;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'GENOASESSION';
/** The CSRF cookie (readable by scripts) and the header that must echo it on unsafe session calls. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
/** See {@link CSRF_COOKIE}. */
export const CSRF_HEADER = 'x-xsrf-token';

/** What authentication needs. */
export interface AuthSettings {
  enabled: boolean;
  users: Map<string, ConfiguredUser>;
  adminRoles: ReadonlySet<string>;
  store: CredentialStore;
  /** OIDC login and bearer access tokens, when configured. */
  oidc?: OidcLogin;
  /** Clouddriver's accounts, for the allowed accounts signed onto downstream calls. */
  accounts?: AccountCache;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PUBLIC_PATHS = [
  /^\/health(\/|$)/,
  /^\/version$/,
  /^\/metrics$/,
  /^\/auth\/user$/,
  /^\/auth\/loggedOut$/,
  /^\/auth\/logout$/,
  /^\/auth\/redirect$/,
  /^\/login$/,
  /^\/webhooks\//,
  /^\/v3\/api-docs$/,
  /^\/openapi\.json$/,
];

/** Whether `path` may be called without authentication (Spinnaker's permitAll list). */
export const isPublicPath = (path: string): boolean => PUBLIC_PATHS.some((re) => re.test(path));

/**
 * The identity gate signs onto downstream calls for this request. Its accounts are Fiat's allowed
 * accounts (those the caller may WRITE, every account with auth off), from the account cache.
 */
export function identityOf(request: FastifyRequest, settings: AuthSettings): Identity {
  const user = request.principal?.username ?? 'anonymous';
  const origin = typeof request.headers['x-requested-with'] === 'string' ? 'deck' : 'api';
  const accounts = settings.accounts?.allowedFor(request.principal, settings.enabled) ?? [];
  // roles travel signed so orca can check manual judgment roles
  return { user, accounts, origin, ...(request.principal ? { roles: request.principal.roles } : {}) };
}

/** Checks a Basic username/password against the configured users. */
export async function checkPassword(
  settings: AuthSettings,
  username: string,
  password: string,
): Promise<Principal | undefined> {
  const user = settings.users.get(username);
  // Verify against a dummy hash when the user is unknown so timing does not reveal names. A
  // verified credential is remembered by a SHA-256 over it and its stored hash, so scrypt runs
  // once per credential per process, not per request (spin sends Basic on every call).
  const digest = createHash('sha256')
    .update(`${user?.passwordHash ?? ''}\0${username}\0${password}`)
    .digest('hex');
  const ok =
    (user && verifiedBasic.has(digest)) || (await verifySecret(password, user?.passwordHash ?? DUMMY_HASH));
  if (!user || !ok) return undefined;
  if (verifiedBasic.size >= 10_000) verifiedBasic.clear();
  verifiedBasic.add(digest);
  return {
    username: user.username,
    roles: user.roles,
    admin: isAdminRole(user.roles, settings.adminRoles),
    via: 'basic',
  };
}
const verifiedBasic = new Set<string>();
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

async function resolve(settings: AuthSettings, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value = ''] = header.split(' ', 2) as [string, string?];
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const principal =
        colon > 0
          ? await checkPassword(settings, decoded.slice(0, colon), decoded.slice(colon + 1))
          : undefined;
      if (!principal) throw new AuthenticationError('Bad credentials');
      return principal;
    }
    if (/^bearer$/i.test(scheme)) {
      const token = value.trim();
      if (settings.oidc && !token.startsWith('gt_')) {
        const principal = await settings.oidc.principalOfAccessToken(token);
        if (!principal) throw new AuthenticationError('Invalid or expired access token');
        return principal;
      }
      const record = await settings.store.verifyToken(token);
      if (!record) throw new AuthenticationError('Invalid or revoked API token');
      return {
        username: record.username,
        roles: record.roles,
        admin: isAdminRole(record.roles, settings.adminRoles),
        via: 'token',
      };
    }
    throw new AuthenticationError(`Unsupported authorization scheme ${scheme.slice(0, 20)}`);
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId) {
    const session = await settings.store.getSession(sessionId);
    if (session) {
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrf) {
        throw new NotAllowedError(
          `Missing or wrong CSRF token (send the ${CSRF_COOKIE} cookie's value in ${CSRF_HEADER})`,
        );
      }
      return {
        username: session.username,
        roles: session.roles,
        admin: isAdminRole(session.roles, settings.adminRoles),
        via: 'session',
      };
    }
  }
  return undefined;
}

/**
 * Installs gate's authentication: every incoming `x-spinnaker-*`/`x-genoa-*` header is dropped (only
 * gate decides who a request acts for), then the caller is taken from HTTP Basic, a bearer API
 * token, or the session cookie (with a CSRF check on unsafe methods). With auth off everyone is
 * the anonymous admin; with auth on, non-public paths without a principal get 401, and wrong
 * credentials get 401 everywhere except webhooks (which authenticate by their own secret).
 */
export function installAuthentication(app: FastifyInstance, settings: AuthSettings): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    for (const name of Object.keys(request.headers)) {
      if (name.startsWith('x-spinnaker-') || name.startsWith('x-genoa-')) delete request.headers[name];
    }
    const path = request.url.split('?')[0] ?? '/';
    if (!settings.enabled) {
      request.principal = anonymousPrincipal;
    } else if (path.startsWith('/webhooks/')) {
      request.principal = undefined;
    } else {
      request.principal = await resolve(settings, request);
      if (
        !request.principal &&
        request.method !== 'OPTIONS' &&
        !isPublicPath(path) &&
        request.routeOptions.url
      ) {
        throw new AuthenticationError('Full authentication is required to access this resource');
      }
    }
    request.identity = identityOf(request, settings);
  });
}
