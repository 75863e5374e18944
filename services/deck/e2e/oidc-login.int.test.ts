import { freePort } from '@genoa/testing';
import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck, saveScreenshot, type DeckSession } from './harness.js';

/**
 * Given a gate stand-in with OIDC login on (a logged-out `GET /login` redirects to the issuer,
 * `/auth/user` answers 401) and a stand-in issuer, when Chromium signs in from deck: deck sees
 * the redirect, navigates the whole page to gate's `/auth/redirect?to=<deck URL>`, the issuer's
 * page shows, and its callback through gate lands back on the page asked for, signed in.
 */

const SESSION = 'oidc-session-1';
const redirects: string[] = [];
let gate: FastifyInstance | undefined;
let session: DeckSession | undefined;
let page: Page;
let deckUrl: string;
let issuer: string;

const signedIn = (request: FastifyRequest) => (request.headers.cookie ?? '').includes(`SESSION=${SESSION}`);

beforeAll(async () => {
  const gatePort = await freePort();
  issuer = `http://127.0.0.1:${gatePort}/issuer`;
  gate = fastify();
  gate.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const open = ['/login', '/auth/redirect'].includes(path) || path.startsWith('/issuer/');
    if (!open && !signedIn(request))
      return reply
        .code(401)
        .send({ status: 401, error: 'Unauthorized', message: 'Full authentication is required' });
  });
  gate.get('/auth/user', async () => ({ username: 'alice', roles: ['ops'] }));
  gate.get('/applications', async () => [{ name: 'cargo', email: 'ops@example.com' }]);
  const toIssuer = (state: string) => `${issuer}/authorize?state=${encodeURIComponent(state)}`;
  gate.get('/login', async (request, reply) => {
    const { code, state, redirect } = request.query as Record<string, string | undefined>;
    if (code && state) {
      if (code !== 'code-1') return reply.code(401).send({ message: 'bad code' });
      void reply.header('set-cookie', `SESSION=${SESSION}; Path=/; HttpOnly`);
      return reply.redirect(state, 302);
    }
    return reply.redirect(toIssuer(redirect ?? '/'), 302);
  });
  gate.get('/auth/redirect', async (request, reply) => {
    const { to } = request.query as { to: string };
    redirects.push(to);
    return reply.redirect(toIssuer(to), 302);
  });
  // The issuer's sign-in page: approving goes to gate's callback (through deck's /gate proxy).
  gate.get('/issuer/authorize', async (request, reply) => {
    const { state } = request.query as { state: string };
    const callback = `${deckUrl}/gate/login?code=code-1&state=${encodeURIComponent(state)}`;
    return reply
      .type('text/html')
      .send(`<!doctype html><title>Issuer</title><h1>Issuer sign-in</h1><a href="${callback}">Approve</a>`);
  });
  session = await openDeck(gate, gatePort);
  ({ url: deckUrl, page } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('OIDC sign-in (gate and issuer stand-ins)', () => {
  it('goes to the issuer through gate and comes back signed in to the page asked for', async () => {
    await page.goto(`${deckUrl}/#/applications`);
    const header = page.getByTestId('current-user');
    await header.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Issuer sign-in' }).waitFor();
    expect(page.url().startsWith(`${issuer}/authorize?state=`)).toBe(true);
    expect(redirects).toEqual([`${deckUrl}/#/applications`]);
    await saveScreenshot(page, 'oidc-issuer');

    await page.getByRole('link', { name: 'Approve' }).click();
    await expect.poll(() => page.url()).toBe(`${deckUrl}/#/applications`);
    await expect.poll(() => header.textContent()).toContain('Signed in as alice');
    await page.getByRole('link', { name: 'cargo' }).first().waitFor();
    await saveScreenshot(page, 'oidc-signed-in');
  }, 60_000);
});
