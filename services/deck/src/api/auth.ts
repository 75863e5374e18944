import { z } from 'zod';
import { GATE_BASE_URL, gateGet, gateSend } from './gate-client.js';

/** Gate's `GET /auth/user`: the signed-in user, or `{}` when nobody is (kork's User shape). */
export const UserSchema = z.looseObject({
  username: z.string().optional(),
  email: z.string().nullish(),
  roles: z.array(z.string()).optional(),
});
/** See {@link UserSchema}. */
export type User = z.infer<typeof UserSchema>;

/** The current user (`username` absent: not signed in). */
export const getUser = (signal?: AbortSignal): Promise<User> => gateGet('/auth/user', UserSchema, { signal });

/** Signs in with gate's Basic login (`POST /login`), which starts a session (cookie) and answers the user. */
export const login = (username: string, password: string): Promise<User> =>
  gateSend('POST', '/login', { username, password }, UserSchema);

/** Ends the session (`POST /auth/logout`). */
export const logout = (): Promise<unknown> => gateSend('POST', '/auth/logout', undefined, z.unknown());

/** The window event deck fires after signing in or out, so the header re-reads the user. */
export const AUTH_CHANGED_EVENT = 'genoa:auth-changed';

/** How gate signs people in: OIDC (its `GET /login` redirects to the issuer) or a username/password form. */
export type LoginMode = 'oidc' | 'basic';

/**
 * Asks gate how it signs people in: with OIDC on, a logged-out `GET /login` redirects to the
 * issuer (the browser reports an opaque redirect when not following it); otherwise it answers
 * 401 (Basic) or the user.
 */
export async function detectLoginMode(fetcher: typeof fetch = fetch): Promise<LoginMode> {
  try {
    const response = await fetcher(`${GATE_BASE_URL}/login`, {
      redirect: 'manual',
      credentials: 'same-origin',
    });
    return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
      ? 'oidc'
      : 'basic';
  } catch {
    return 'basic';
  }
}

/**
 * Where the browser goes to sign in with OIDC: gate's `GET /auth/redirect?to=` (Spinnaker's),
 * which sends it to the issuer and, once signed in, back to `returnTo` (an absolute deck URL).
 */
export const oidcLoginUrl = (returnTo: string): string =>
  `${GATE_BASE_URL}/auth/redirect?to=${encodeURIComponent(returnTo)}`;

/** The absolute deck URL of hash path `path` (the OIDC return target). */
export const deckUrlOf = (path: string, location: Pick<Location, 'origin' | 'pathname'>): string =>
  `${location.origin}${location.pathname}#${path.startsWith('/') ? path : `/${path}`}`;
