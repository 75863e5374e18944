import { startOidcIssuer, startRedis, type OidcIssuer, type RedisHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../auth/secrets.js';
import { basic, startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
let issuer: OidcIssuer;
const tokens: Record<string, string> = {};
/** OIDC sessions per user: the cookie header and the CSRF token to echo. */
const sessions: Record<string, { cookie: string; csrf: string }> = {};
const GATE_CALLBACK = 'http://gate.test/login';

const users = { alice: ['dev'], bob: ['ops'], carol: [], root: ['admin'] } as const;
type User = keyof typeof users;
const password = (u: string) => `${u}-pass-123`;

beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  standIns.data.applications = {
    open: { name: 'open' },
    devapp: { name: 'devapp', permissions: { READ: ['dev'], WRITE: ['dev'] } },
    shared: { name: 'shared', permissions: { READ: ['dev', 'ops'], WRITE: ['ops'], EXECUTE: ['ops'] } },
  };
  standIns.data.pipelines = ['open', 'devapp', 'shared'].map((a) => ({
    id: `p-${a}`,
    application: a,
    name: 'Deploy',
    stages: [],
  }));
  standIns.data.executions = Object.fromEntries(
    ['open', 'devapp', 'shared'].map((a) => [
      `ex-${a}`,
      { id: `ex-${a}`, type: 'PIPELINE', application: a, name: 'Deploy', status: 'RUNNING', stages: [] },
    ]),
  );
  const configured = await Promise.all(
    Object.entries(users).map(async ([username, roles]) => ({
      username,
      roles,
      passwordHash: await hashSecret(password(username)),
    })),
  );
  issuer = await startOidcIssuer({
    clientId: 'gate',
    clientSecret: 'gate-secret',
    redirectUris: [GATE_CALLBACK],
    // OIDC users have the same names and groups (→ roles) as the Basic ones.
    users: Object.entries(users).map(([sub, groups]) => ({
      sub: `id-${sub}`,
      preferred_username: sub,
      email: `${sub}@example.com`,
      groups: [...groups],
    })),
  });
  gate = await startTestGate(standIns, redis.url, {
    GATE_AUTH_ENABLED: 'true',
    GATE_USERS: JSON.stringify(configured),
    GATE_PERMISSION_CACHE_MS: '0',
    GATE_OIDC_ISSUER: issuer.issuer,
    GATE_OIDC_CLIENT_ID: 'gate',
    GATE_OIDC_CLIENT_SECRET: 'gate-secret',
    GATE_OIDC_REDIRECT_URI: GATE_CALLBACK,
  });
  for (const username of Object.keys(users)) sessions[username] = await oidcLogin(username);
  for (const [username, roles] of Object.entries(users)) {
    const res = await gate.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: basic('root', password('root')),
      payload: { username, roles },
    });
    expect(res.statusCode).toBe(201);
    tokens[username] = res.json().token;
  }
});
afterAll(async () => {
  await gate?.close();
  await issuer?.close();
  await standIns?.close();
  await redis?.stop();
});

/** The browser's authorization-code round trip: gate /login → issuer authorize → gate callback. */
async function oidcLogin(username: string, start = '/login') {
  issuer.loginAs = `id-${username}`;
  const begin = await gate.app.inject({ url: start, headers: { host: 'gate.test' } });
  expect(begin.statusCode).toBe(302);
  const authorize = new URL(begin.headers.location as string);
  expect(authorize.origin).toBe(issuer.issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const atIssuer = await fetch(authorize, { redirect: 'manual' });
  expect(atIssuer.status).toBe(302);
  const callback = new URL(atIssuer.headers.get('location')!);
  expect(`${callback.origin}${callback.pathname}`).toBe(GATE_CALLBACK);
  const done = await gate.app.inject({
    url: `${callback.pathname}${callback.search}`,
    headers: { host: 'gate.test' },
  });
  expect(done.statusCode, done.body).toBe(302);
  const session = done.cookies.find((c) => c.name === 'GENOASESSION')!;
  const csrf = done.cookies.find((c) => c.name === 'XSRF-TOKEN')!;
  expect(session.httpOnly).toBe(true);
  return {
    cookie: `GENOASESSION=${session.value}; XSRF-TOKEN=${csrf.value}`,
    csrf: csrf.value,
    location: done.headers.location as string,
    callback: `${callback.pathname}${callback.search}`,
  };
}

// Expected outcome per (user, app, authorization), Fiat's rules: open app = every authenticated user;
// EXECUTE falls back to READ's roles; admin = everything.
const expected: Record<User, Record<string, Record<'READ' | 'WRITE' | 'EXECUTE', boolean>>> = {
  alice: {
    open: { READ: true, WRITE: true, EXECUTE: true },
    devapp: { READ: true, WRITE: true, EXECUTE: true },
    shared: { READ: true, WRITE: false, EXECUTE: false },
  },
  bob: {
    open: { READ: true, WRITE: true, EXECUTE: true },
    devapp: { READ: false, WRITE: false, EXECUTE: false },
    shared: { READ: true, WRITE: true, EXECUTE: true },
  },
  carol: {
    open: { READ: true, WRITE: true, EXECUTE: true },
    devapp: { READ: false, WRITE: false, EXECUTE: false },
    shared: { READ: false, WRITE: false, EXECUTE: false },
  },
  root: {
    open: { READ: true, WRITE: true, EXECUTE: true },
    devapp: { READ: true, WRITE: true, EXECUTE: true },
    shared: { READ: true, WRITE: true, EXECUTE: true },
  },
};
// One or more endpoints per authorization; each answers 2xx when allowed and 403 when not.
const endpoints = {
  READ: [
    (a: string) => ({ method: 'GET' as const, url: `/applications/${a}/pipelineConfigs` }),
    (a: string) => ({ method: 'GET' as const, url: `/pipelines/ex-${a}` }),
    (a: string) => ({ method: 'GET' as const, url: `/applications/${a}/pipelines` }),
  ],
  WRITE: [
    (a: string) => ({
      method: 'POST' as const,
      url: '/pipelines',
      payload: { application: a, name: 'New', stages: [] },
    }),
    (a: string) => ({
      method: 'POST' as const,
      url: '/tasks',
      payload: { application: a, job: [{ type: 'updateApplication', application: { name: a } }] },
    }),
  ],
  EXECUTE: [
    (a: string) => ({ method: 'POST' as const, url: `/pipelines/${a}/Deploy`, payload: { type: 'manual' } }),
    (a: string) => ({ method: 'PUT' as const, url: `/pipelines/ex-${a}/cancel` }),
  ],
};
const cases = (['basic', 'token', 'oidc'] as const).flatMap((mode) =>
  (Object.keys(users) as User[]).flatMap((user) =>
    ['open', 'devapp', 'shared'].flatMap((app) =>
      (['READ', 'WRITE', 'EXECUTE'] as const).map((auth) => ({
        mode,
        user,
        app,
        auth,
        allowed: expected[user][app]![auth],
      })),
    ),
  ),
);

describe('authorization matrix (users × roles × apps × READ/WRITE/EXECUTE × endpoints)', () => {
  it.each(cases)('$mode $user $app $auth → allowed=$allowed', async ({ mode, user, app, auth, allowed }) => {
    const headers =
      mode === 'basic'
        ? basic(user, password(user))
        : mode === 'token'
          ? { authorization: `Bearer ${tokens[user]}` }
          : { cookie: sessions[user]!.cookie, 'x-xsrf-token': sessions[user]!.csrf };
    for (const endpoint of endpoints[auth]) {
      const req = endpoint(app);
      const res = await gate.app.inject({ ...req, headers });
      if (allowed) expect(res.statusCode, `${req.method} ${req.url}`).toBeLessThan(300);
      else expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
    }
  });

  it('filters the application list to what the user may read', async () => {
    const names = (u: User) =>
      gate.app
        .inject({ url: '/applications', headers: basic(u, password(u)) })
        .then((r) => (r.json() as { name: string }[]).map((a) => a.name));
    expect(await names('carol')).toEqual(['open']);
    expect(await names('bob')).toEqual(['open', 'shared']);
    expect(await names('root')).toEqual(['devapp', 'open', 'shared']);
  });
});

describe('authentication', () => {
  it('denies anonymous callers, and ignores a spoofed X-SPINNAKER-USER', async () => {
    expect((await gate.app.inject({ url: '/applications' })).statusCode).toBe(401);
    const spoofed = await gate.app.inject({
      url: '/applications/devapp/pipelineConfigs',
      headers: { 'x-spinnaker-user': 'root' },
    });
    expect(spoofed.statusCode).toBe(401);
    const asCarol = await gate.app.inject({
      url: '/applications/devapp/pipelineConfigs',
      headers: { ...basic('carol', password('carol')), 'x-spinnaker-user': 'root' },
    });
    expect(asCarol.statusCode).toBe(403);
    expect((await gate.app.inject({ url: '/auth/user' })).json()).toEqual({});
    expect((await gate.app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('rejects a wrong password and an unknown token with 401', async () => {
    expect(
      (await gate.app.inject({ url: '/applications', headers: basic('alice', 'wrong') })).statusCode,
    ).toBe(401);
    expect(
      (await gate.app.inject({ url: '/applications', headers: { authorization: 'Bearer gt_nope' } }))
        .statusCode,
    ).toBe(401);
  });

  it('answers /auth/user in Spinnaker’s shape', async () => {
    const res = await gate.app.inject({
      url: '/auth/user',
      headers: { authorization: `Bearer ${tokens.alice}` },
    });
    expect(res.json()).toMatchObject({
      username: 'alice',
      email: 'alice',
      roles: ['dev'],
      authorities: [{ authority: 'dev' }],
      enabled: true,
    });
  });

  it('only admins manage tokens; a revoked token stops working at once', async () => {
    const denied = await gate.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: basic('alice', password('alice')),
      payload: { username: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const made = await gate.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: basic('root', password('root')),
      payload: { username: 'ci', roles: ['ops'] },
    });
    const { id, token } = made.json() as { id: string; token: string };
    expect(
      (await gate.app.inject({ url: '/applications', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await gate.app.inject({
          method: 'DELETE',
          url: `/auth/tokens/${id}`,
          headers: basic('root', password('root')),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await gate.app.inject({ url: '/applications', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
    const keys = await gate.redis.keys('{gate}:token:*');
    const stored = await gate.redis.get(keys[0]!);
    expect(stored).not.toContain(tokens.alice!.split('.')[1]);
  });

  it('session cookie login: HttpOnly + SameSite=Lax, CSRF required on unsafe methods, logout ends it', async () => {
    const login = await gate.app.inject({
      method: 'POST',
      url: '/login',
      payload: 'username=alice&password=alice-pass-123',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(login.statusCode).toBe(200);
    const session = login.cookies.find((c) => c.name === 'GENOASESSION')!;
    const csrf = login.cookies.find((c) => c.name === 'XSRF-TOKEN')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const cookie = `GENOASESSION=${session.value}; XSRF-TOKEN=${csrf.value}`;
    expect((await gate.app.inject({ url: '/auth/user', headers: { cookie } })).json().username).toBe('alice');
    const save = {
      method: 'POST' as const,
      url: '/pipelines',
      payload: { application: 'devapp', name: 'S', stages: [] },
    };
    expect((await gate.app.inject({ ...save, headers: { cookie } })).statusCode).toBe(403);
    expect(
      (await gate.app.inject({ ...save, headers: { cookie, 'x-xsrf-token': csrf.value } })).statusCode,
    ).toBe(200);
    await gate.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie, 'x-xsrf-token': csrf.value },
    });
    expect((await gate.app.inject({ url: '/applications', headers: { cookie } })).statusCode).toBe(401);
    const bad = await gate.app.inject({
      method: 'POST',
      url: '/login',
      payload: { username: 'alice', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('a user who creates an application may use it at once', async () => {
    const headers = basic('carol', password('carol'));
    const create = {
      application: 'fresh',
      job: [{ type: 'createApplication', application: { name: 'fresh', email: 'c@x' } }],
    };
    expect(
      (await gate.app.inject({ method: 'POST', url: '/tasks', headers, payload: create })).statusCode,
    ).toBe(200);
    standIns.data.applications.fresh = { name: 'fresh' };
    expect(
      (
        await gate.app.inject({
          method: 'POST',
          url: '/pipelines',
          headers,
          payload: { application: 'fresh', name: 'P', stages: [] },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('OIDC mode', () => {
  it('maps the groups claim to roles in /auth/user and returns to the page asked for', async () => {
    const me = await gate.app.inject({ url: '/auth/user', headers: { cookie: sessions.bob!.cookie } });
    expect(me.json()).toMatchObject({ username: 'bob', roles: ['ops'] });
    const again = await oidcLogin('alice', '/auth/redirect?to=%2F%23%2Fapplications%2Fdevapp');
    expect(again.location).toBe('/#/applications/devapp');
    const abroad = await gate.app.inject({
      url: '/auth/redirect?to=https%3A%2F%2Fevil.example%2F',
      headers: { host: 'gate.test' },
    });
    expect(abroad.statusCode).toBe(400);
  });

  it('refuses a replayed callback, a forged state and a user the issuer denies', async () => {
    const first = await oidcLogin('carol');
    const replay = await gate.app.inject({ url: first.callback, headers: { host: 'gate.test' } });
    expect(replay.statusCode).toBe(401);
    const forged = await gate.app.inject({
      url: '/login?code=abc&state=made-up',
      headers: { host: 'gate.test' },
    });
    expect(forged.statusCode).toBe(401);
    issuer.loginAs = 'nobody';
    const begin = await gate.app.inject({ url: '/login', headers: { host: 'gate.test' } });
    const denied = await fetch(begin.headers.location as string, { redirect: 'manual' });
    const callback = new URL(denied.headers.get('location')!);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await gate.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(res.statusCode).toBe(401);
  });

  it('logout ends an OIDC session', async () => {
    const s = await oidcLogin('bob');
    const logout = await gate.app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie: s.cookie, 'x-xsrf-token': s.csrf },
    });
    expect(logout.statusCode).toBe(200);
    expect((await gate.app.inject({ url: '/applications', headers: { cookie: s.cookie } })).statusCode).toBe(
      401,
    );
  });

  it('accepts the issuer’s bearer access tokens (spin oauth2: GET /login with the token gives a session)', async () => {
    issuer.loginAs = 'id-bob';
    const authorize = new URL(`${issuer.issuer}/authorize`);
    Object.entries({
      response_type: 'code',
      client_id: 'gate',
      redirect_uri: GATE_CALLBACK,
      scope: 'openid',
    }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const code = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!,
    ).searchParams.get('code')!;
    const token = await fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('gate:gate-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: GATE_CALLBACK }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const bearer = { authorization: `Bearer ${token.access_token}` };
    expect(
      (await gate.app.inject({ url: '/applications/shared/pipelineConfigs', headers: bearer })).statusCode,
    ).toBe(200);
    expect(
      (await gate.app.inject({ url: '/applications/devapp/pipelineConfigs', headers: bearer })).statusCode,
    ).toBe(403);
    const login = await gate.app.inject({ url: '/login', headers: bearer });
    expect(login.statusCode).toBe(200);
    expect(login.cookies.some((c) => c.name === 'GENOASESSION')).toBe(true);
    const bogus = { authorization: 'Bearer not-a-real-token' };
    expect((await gate.app.inject({ url: '/applications', headers: bogus })).statusCode).toBe(401);
  });
});
