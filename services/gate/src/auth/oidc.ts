import { createHash } from 'node:crypto';
import { AuthenticationError, ServiceUnavailableError } from '@genoa/shared';
import * as client from 'openid-client';
import type { CredentialStore } from './credential-store.js';
import { isAdminRole, type Principal } from './principal.js';

/** OIDC settings from gate's config. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Gate's callback as the issuer knows it: `<gate external URL>/login` (Spinnaker's redirect URI). */
  redirectUri: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
}

/** The OIDC settings of gate's config, undefined when OIDC is off; throws when they are incomplete. */
export function oidcSettingsOf(config: {
  GATE_AUTH_ENABLED: boolean;
  GATE_OIDC_ISSUER?: string | undefined;
  GATE_OIDC_CLIENT_ID?: string | undefined;
  GATE_OIDC_CLIENT_SECRET?: string | undefined;
  GATE_OIDC_REDIRECT_URI?: string | undefined;
  GATE_OIDC_SCOPES: string;
  GATE_OIDC_USERNAME_CLAIM: string;
  GATE_OIDC_GROUPS_CLAIM: string;
}): OidcSettings | undefined {
  if (!config.GATE_OIDC_ISSUER) return undefined;
  const missing = (
    ['GATE_OIDC_CLIENT_ID', 'GATE_OIDC_CLIENT_SECRET', 'GATE_OIDC_REDIRECT_URI'] as const
  ).filter((k) => !config[k]);
  if (!config.GATE_AUTH_ENABLED) missing.unshift('GATE_AUTH_ENABLED=true' as never);
  if (missing.length > 0) throw new Error(`GATE_OIDC_ISSUER is set but needs ${missing.join(', ')}`);
  return {
    issuer: config.GATE_OIDC_ISSUER,
    clientId: config.GATE_OIDC_CLIENT_ID!,
    clientSecret: config.GATE_OIDC_CLIENT_SECRET!,
    redirectUri: config.GATE_OIDC_REDIRECT_URI!,
    scopes: config.GATE_OIDC_SCOPES,
    usernameClaim: config.GATE_OIDC_USERNAME_CLAIM,
    groupsClaim: config.GATE_OIDC_GROUPS_CLAIM,
  };
}

/** How long a started login may take before its callback is refused. */
const LOGIN_TTL_SECONDS = 600;
/** How long a bearer access token's userinfo answer is reused. */
const USERINFO_CACHE_MS = 60_000;

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/** The principal of a set of claims: username from the configured claim (then email, sub), roles from the groups claim. */
export function principalOfClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'usernameClaim' | 'groupsClaim'>,
  adminRoles: ReadonlySet<string>,
): Principal {
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const username = pick(claims[settings.usernameClaim]) ?? pick(claims.email) ?? pick(claims.sub);
  if (!username) throw new AuthenticationError('The identity provider returned no usable username claim');
  const raw = claims[settings.groupsClaim];
  const groups = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  const roles = [
    ...new Set(groups.filter((g): g is string => typeof g === 'string').map((g) => g.trim())),
  ].filter(Boolean);
  return { username, roles, admin: isAdminRole(roles, adminRoles), via: 'oidc' };
}

/**
 * OpenID Connect login (authorization code + PKCE + nonce) with `openid-client`: `start` remembers
 * a login under its `state` in Redis and gives the issuer's authorize URL; `finish` takes it back
 * once (so a replayed callback fails), redeems the code and maps the ID token's claims to a
 * principal. Bearer access tokens from the same issuer (spin's oauth2 mode) are accepted through
 * the userinfo endpoint. Discovery runs on first use and is retried after a failure.
 */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly userinfo = new Map<string, { at: number; principal: Principal }>();

  constructor(
    readonly settings: OidcSettings,
    private readonly store: CredentialStore,
    private readonly adminRoles: ReadonlySet<string>,
  ) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        undefined,
        client.ClientSecretBasic(this.settings.clientSecret),
        isLoopback(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw new ServiceUnavailableError(`OIDC issuer ${this.settings.issuer} unavailable`, { cause: err });
      });
    return this.configuration;
  }

  /** Starts a login that returns to `returnTo`; gives the URL to send the browser to. */
  async start(returnTo: string): Promise<URL> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.store.putLogin(state, { verifier, nonce, returnTo }, LOGIN_TTL_SECONDS);
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Completes a login from the callback's query; the principal and where to send the browser. */
  async finish(query: URLSearchParams): Promise<{ principal: Principal; returnTo: string }> {
    const state = query.get('state') ?? '';
    const pending = state ? await this.store.takeLogin(state) : undefined;
    if (!pending?.verifier || !pending.nonce)
      throw new AuthenticationError('Unknown or expired login (start again at /login)');
    const error = query.get('error');
    if (error)
      throw new AuthenticationError(`The identity provider refused the login: ${error.slice(0, 100)}`);
    const config = await this.config();
    const callback = new URL(this.settings.redirectUri);
    callback.search = query.toString();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw new AuthenticationError(`OIDC login failed: ${(err as Error).message}`, { cause: err });
    }
    if (!claims) throw new AuthenticationError('OIDC login failed: no ID token');
    return {
      principal: principalOfClaims(claims, this.settings, this.adminRoles),
      returnTo: pending.returnTo ?? '/',
    };
  }

  /** The principal of an access token from the issuer (userinfo), cached briefly; undefined if refused. */
  async principalOfAccessToken(token: string): Promise<Principal | undefined> {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.userinfo.get(key);
    if (hit && Date.now() - hit.at < USERINFO_CACHE_MS) return hit.principal;
    const config = await this.config();
    let claims: Record<string, unknown>;
    try {
      claims = await client.fetchUserInfo(config, token, client.skipSubjectCheck);
    } catch {
      return undefined;
    }
    const principal = principalOfClaims(claims, this.settings, this.adminRoles);
    if (this.userinfo.size > 10_000) this.userinfo.clear();
    this.userinfo.set(key, { at: Date.now(), principal });
    return principal;
  }

  /** The issuer's end-session URL (to log out there too), when it has one. */
  async endSessionUrl(postLogoutRedirectUri?: string): Promise<string | undefined> {
    const config = await this.config().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    return client
      .buildEndSessionUrl(config, {
        client_id: this.settings.clientId,
        ...(postLogoutRedirectUri ? { post_logout_redirect_uri: postLogoutRedirectUri } : {}),
      })
      .toString();
  }
}
