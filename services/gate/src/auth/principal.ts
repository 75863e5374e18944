import { z } from 'zod';

/** How a caller proved who they are. */
export type AuthMethod = 'anonymous' | 'basic' | 'token' | 'session' | 'oidc';

/** The authenticated caller of one request. */
export interface Principal {
  username: string;
  roles: string[];
  /** Admins hold every permission and manage API tokens. */
  admin: boolean;
  via: AuthMethod;
}

/** One Basic user from `GATE_USERS`. */
export const ConfiguredUserSchema = z.object({
  username: z.string().min(1).max(200),
  passwordHash: z.string().startsWith('scrypt$', 'must be a hash from hashSecret (scrypt$…)'),
  roles: z.array(z.string().min(1)).default([]),
  email: z.string().optional(),
});
/** See {@link ConfiguredUserSchema}. */
export type ConfiguredUser = z.infer<typeof ConfiguredUserSchema>;

/** Parses `GATE_USERS`; throws naming the bad entry. */
export function parseUsers(json: string | undefined): Map<string, ConfiguredUser> {
  if (!json) return new Map();
  const users = z.array(ConfiguredUserSchema).parse(JSON.parse(json));
  return new Map(users.map((u) => [u.username, u]));
}

/** The principal of anonymous mode (auth off): may do everything, as Spinnaker without auth. */
export const anonymousPrincipal: Principal = Object.freeze({
  username: 'anonymous',
  roles: [],
  admin: true,
  via: 'anonymous',
}) as Principal;

/** Whether any of `roles` is an admin role. */
export const isAdminRole = (roles: readonly string[], adminRoles: ReadonlySet<string>): boolean =>
  roles.some((r) => adminRoles.has(r));
