import { AuthenticationError, InputError, NotAllowedError, NotFoundError, parseOrThrow } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkPassword, CSRF_COOKIE, SESSION_COOKIE } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { GateContext } from '../context.js';
import { doc } from '../openapi.js';

const LoginBody = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) });
const TokenParams = z.object({ id: z.uuid() });
const ServiceAccountsQuery = z.object({ application: z.string().max(250).optional() });
const ServiceAccounts = z.array(z.looseObject({ name: z.string(), memberOf: z.array(z.string()).nullish() }));
const RedirectQuery = z.object({ to: z.string().max(2000).optional() });
const TokenBody = z.object({
  username: z.string().min(1).max(200),
  roles: z.array(z.string().min(1).max(200)).max(100).default([]),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(366 * 24 * 3600)
    .optional(),
  description: z.string().max(500).optional(),
});

/** Spinnaker's User shape (kork `User`) for `/auth/user`; `allowedAccounts` as Fiat computes them. */
export function userView(principal: Principal, allowedAccounts: readonly string[] = []) {
  return {
    email: principal.username,
    username: principal.username,
    firstName: null,
    lastName: null,
    roles: principal.roles,
    allowedAccounts: [...allowedAccounts],
    authorities: principal.roles.map((authority) => ({ authority })),
    accountNonExpired: true,
    accountNonLocked: true,
    credentialsNonExpired: true,
    enabled: true,
  };
}

/**
 * Where a login may send the browser back to: a path on this host, or an http(s) URL on the host the
 * request came to or the OIDC callback's host (never elsewhere: no open redirect).
 */
export function safeReturnTo(to: string | undefined, request: FastifyRequest, redirectUri?: string): string {
  if (!to) return '/';
  if (/^\/(?![/\\])/.test(to)) return to;
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new InputError(`Invalid redirect target ${to.slice(0, 200)}`);
  }
  const hosts = [request.headers.host, redirectUri ? new URL(redirectUri).host : undefined];
  if (/^https?:$/.test(url.protocol) && hosts.includes(url.host)) return url.toString();
  throw new InputError(`Redirect target ${url.host} is not allowed`);
}

/** `/auth/user`, `/login` (Basic, form, bearer, OIDC), `/auth/redirect`, `/auth/logout` and admin API token management (`/auth/tokens`). */
export function authRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { auth, config } = ctx;
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: config.GATE_COOKIE_SECURE };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get(
    '/auth/user',
    doc({ summary: 'The caller (kork User shape); {} when anonymous', tags: ['auth'] }),
    async (request) => (request.principal ? userView(request.principal, request.identity.accounts) : {}),
  );
  // Fiat's rule: a user may run as a service account whose every role (`memberOf`) the user holds.
  app.get(
    '/auth/user/serviceAccounts',
    doc({
      summary: 'Service accounts the caller may run pipelines as',
      tags: ['auth'],
      query: ServiceAccountsQuery,
    }),
    async (request) => {
      const { application } = parseQuery(ServiceAccountsQuery, request);
      const principal = request.principal;
      if (!principal)
        throw new AuthenticationError('Full authentication is required to access this resource');
      if (application) await ctx.permissions.require(principal, application, 'READ');
      const accounts = await ctx.downstream.front50.get('/serviceAccounts', {
        identity: request.identity,
        requestId: request.id,
        schema: ServiceAccounts,
      });
      return accounts
        .filter((a) => principal.admin || (a.memberOf ?? []).every((role) => principal.roles.includes(role)))
        .map((a) => a.name)
        .sort();
    },
  );
  app.get(
    '/auth/loggedOut',
    doc({ summary: 'Logged-out message', tags: ['auth'], produces: 'text/plain' }),
    async () => 'You are logged out.',
  );

  const startSession = async (reply: FastifyReply, principal: Principal) => {
    const { id, csrf } = await auth.store.createSession(
      principal.username,
      principal.roles,
      config.GATE_SESSION_TTL_SECONDS,
    );
    const maxAge = config.GATE_SESSION_TTL_SECONDS;
    void reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions, httpOnly: true, maxAge });
    void reply.setCookie(CSRF_COOKIE, csrf, { ...cookieOptions, httpOnly: false, maxAge });
    const allowed = auth.accounts?.allowedFor(principal, config.GATE_AUTH_ENABLED) ?? [];
    return { ...userView(principal, allowed), csrfToken: csrf };
  };

  const login = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!config.GATE_AUTH_ENABLED) return userView(request.principal!, request.identity.accounts);
    const { oidc } = auth;
    if (oidc && request.method === 'GET') {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      if (query.has('state') && (query.has('code') || query.has('error'))) {
        const done = await oidc.finish(query);
        await startSession(reply, done.principal);
        request.log.info({ username: done.principal.username }, 'OIDC login');
        return reply.redirect(done.returnTo, 302);
      }
      if (!request.principal) {
        const to = safeReturnTo(query.get('redirect') ?? undefined, request, oidc.settings.redirectUri);
        return reply.redirect((await oidc.start(to)).toString(), 302);
      }
    }
    let principal = request.principal;
    if (!principal && request.method === 'POST') {
      const { username, password } = parseOrThrow(LoginBody, request.body ?? {}, 'request body');
      principal = await checkPassword(auth, username, password);
    }
    if (!principal) throw new AuthenticationError('Bad credentials');
    return startSession(reply, principal);
  };
  app.get(
    '/login',
    doc({ summary: 'Session login for an authenticated caller; OIDC login and callback', tags: ['auth'] }),
    login,
  );
  app.post(
    '/login',
    doc({ summary: 'Session login (form or JSON username/password)', tags: ['auth'], body: LoginBody }),
    login,
  );

  // Deck sends a logged-out browser here: back to `to` once logged in (through the OIDC issuer if needed).
  app.get(
    '/auth/redirect',
    doc({ summary: 'Back to `to` once logged in', tags: ['auth'], query: RedirectQuery, status: 302 }),
    async (request, reply) => {
      const { to } = parseQuery(RedirectQuery, request);
      const target = safeReturnTo(to, request, auth.oidc?.settings.redirectUri);
      if (request.principal) return reply.redirect(target, 302);
      if (auth.oidc) return reply.redirect((await auth.oidc.start(target)).toString(), 302);
      throw new AuthenticationError('Full authentication is required to access this resource');
    },
  );

  const logout = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) await auth.store.deleteSession(id);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions).clearCookie(CSRF_COOKIE, cookieOptions);
    return reply.status(200).send();
  };
  app.get('/auth/logout', doc({ summary: 'End the session', tags: ['auth'] }), logout);
  app.post('/auth/logout', doc({ summary: 'End the session', tags: ['auth'] }), logout);

  const requireAdmin = (request: FastifyRequest) => {
    if (!request.principal)
      throw new AuthenticationError('Full authentication is required to access this resource');
    if (!request.principal.admin) throw new NotAllowedError('Only admins manage API tokens');
  };
  app.post(
    '/auth/tokens',
    doc({ summary: 'Create an API token (admin)', tags: ['auth'], body: TokenBody, status: 201 }),
    async (request, reply) => {
      requireAdmin(request);
      const body = parseOrThrow(TokenBody, request.body ?? {}, 'request body');
      const created = await auth.store.createToken({ ...body, createdBy: request.principal!.username });
      request.log.info({ tokenId: created.record.id, username: body.username }, 'API token created');
      return reply.status(201).send({ ...created.record, token: created.token });
    },
  );
  app.delete(
    '/auth/tokens/:id',
    doc({ summary: 'Revoke an API token (admin)', tags: ['auth'], params: TokenParams, status: 204 }),
    async (request, reply) => {
      requireAdmin(request);
      const { id } = parseParams(TokenParams, request);
      if (!(await auth.store.revokeToken(id))) throw new NotFoundError(`API token ${id} not found`);
      request.log.info({ tokenId: id }, 'API token revoked');
      return reply.status(204).send();
    },
  );
}
