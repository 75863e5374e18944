import { describe, expect, it } from 'vitest';
import { deckUrlOf, detectLoginMode, oidcLoginUrl } from './auth.js';

const answering = (init: { type?: ResponseType; status: number }) =>
  (async (url: string | URL | Request, options?: RequestInit) => {
    expect(url).toBe('/gate/login');
    expect(options?.redirect).toBe('manual');
    return { type: init.type ?? 'basic', status: init.status } as Response;
  }) as typeof fetch;

describe('login mode', () => {
  it('is OIDC when gate’s GET /login redirects (opaque to the page), Basic otherwise', async () => {
    expect(await detectLoginMode(answering({ type: 'opaqueredirect', status: 0 }))).toBe('oidc');
    expect(await detectLoginMode(answering({ status: 302 }))).toBe('oidc');
    expect(await detectLoginMode(answering({ status: 401 }))).toBe('basic');
    expect(await detectLoginMode(answering({ status: 404 }))).toBe('basic');
    expect(await detectLoginMode((async () => Promise.reject(new TypeError('down'))) as typeof fetch)).toBe(
      'basic',
    );
  });

  it('sends OIDC sign-in through gate’s /auth/redirect with the absolute deck URL to return to', () => {
    const back = deckUrlOf('/applications/cargo', { origin: 'https://deck.example', pathname: '/' });
    expect(back).toBe('https://deck.example/#/applications/cargo');
    expect(oidcLoginUrl(back)).toBe(
      '/gate/auth/redirect?to=https%3A%2F%2Fdeck.example%2F%23%2Fapplications%2Fcargo',
    );
  });
});
