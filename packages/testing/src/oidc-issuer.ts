import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A user the test issuer can log in. */
export interface OidcTestUser {
  sub: string;
  preferred_username?: string;
  email?: string;
  groups?: string[];
  [claim: string]: unknown;
}

/** Options of {@link startOidcIssuer}. */
export interface OidcIssuerOptions {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the client may use (checked at authorize and token). */
  redirectUris: string[];
  users: OidcTestUser[];
}

/** A running issuer: set `loginAs` (a `sub`) to choose who the next authorize logs in. */
export interface OidcIssuer {
  issuer: string;
  loginAs: string | undefined;
  /** Requests received, as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

interface Grant {
  user: OidcTestUser;
  redirectUri: string;
  nonce?: string;
  challenge?: string;
  expires: number;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};
const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  json(res, status, { error, error_description: description });

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A small OpenID Connect issuer for tests, on a loopback port: discovery, JWKS (RS256), authorize
 * (authorization code, PKCE S256, auto-login of `loginAs` or `login_hint`), token (client_secret_basic
 * or _post, one-time codes bound to the redirect URI and the PKCE challenge) and userinfo. ID tokens
 * carry the user's claims (`preferred_username`, `email`, `groups`, …) and the request's nonce.
 */
export async function startOidcIssuer(options: OidcIssuerOptions): Promise<OidcIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, OidcTestUser>();
  const users = new Map(options.users.map((u) => [u.sub, u]));
  const state: OidcIssuer = { issuer: '', loginAs: undefined, requests: [], close: async () => undefined };

  const clientOk = (req: IncomingMessage, form: URLSearchParams): boolean => {
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(header.slice(6), 'base64')
        .toString('utf8')
        .split(':')
        .map((s) => decodeURIComponent(s));
      return id === options.clientId && secret === options.clientSecret;
    }
    return form.get('client_id') === options.clientId && form.get('client_secret') === options.clientSecret;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', state.issuer);
      state.requests.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: state.issuer,
          authorization_endpoint: `${state.issuer}/authorize`,
          token_endpoint: `${state.issuer}/token`,
          userinfo_endpoint: `${state.issuer}/userinfo`,
          jwks_uri: `${state.issuer}/jwks`,
          end_session_endpoint: `${state.issuer}/logout`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          scopes_supported: ['openid', 'profile', 'email', 'groups'],
        });
      }
      if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        if (q.get('client_id') !== options.clientId || !options.redirectUris.includes(redirectUri))
          return oauthError(res, 400, 'invalid_request', 'unknown client or redirect_uri');
        const back = new URL(redirectUri);
        const stateParam = q.get('state');
        if (stateParam) back.searchParams.set('state', stateParam);
        back.searchParams.set('iss', state.issuer);
        const user = users.get(q.get('login_hint') ?? state.loginAs ?? '');
        if (q.get('response_type') !== 'code' || !q.get('scope')?.split(' ').includes('openid')) {
          back.searchParams.set('error', 'unsupported_response_type');
        } else if (!user) {
          back.searchParams.set('error', 'access_denied');
        } else {
          const code = b64url(randomBytes(24));
          codes.set(code, {
            user,
            redirectUri,
            nonce: q.get('nonce') ?? undefined,
            challenge: q.get('code_challenge') ?? undefined,
            expires: Date.now() + 60_000,
          });
          back.searchParams.set('code', code);
        }
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = await readForm(req);
        if (!clientOk(req, form)) return oauthError(res, 401, 'invalid_client', 'bad client credentials');
        if (form.get('grant_type') !== 'authorization_code')
          return oauthError(res, 400, 'unsupported_grant_type', 'only authorization_code');
        const code = form.get('code') ?? '';
        const grant = codes.get(code);
        codes.delete(code);
        if (!grant || grant.expires < Date.now() || grant.redirectUri !== form.get('redirect_uri'))
          return oauthError(res, 400, 'invalid_grant', 'unknown, used or expired code');
        if (grant.challenge) {
          const verifier = form.get('code_verifier') ?? '';
          if (b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge)
            return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
        }
        const { sub, ...claims } = grant.user;
        const idToken = await new SignJWT({ ...claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
          .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
          .setIssuer(state.issuer)
          .setSubject(sub)
          .setAudience(options.clientId)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        const accessToken = b64url(randomBytes(24));
        accessTokens.set(accessToken, grant.user);
        return json(res, 200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
          scope: 'openid profile email groups',
        });
      }
      if (url.pathname === '/userinfo') {
        const token = req.headers.authorization?.replace(/^Bearer /i, '') ?? '';
        const user = accessTokens.get(token);
        if (!user) {
          res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' });
          return res.end();
        }
        return json(res, 200, user);
      }
      return json(res, 404, { error: 'not_found' });
    })().catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: String(err) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
