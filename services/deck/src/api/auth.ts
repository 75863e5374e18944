import { z } from 'zod';
import { gateGet, gateSend } from './gate-client.js';

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
