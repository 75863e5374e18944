import type { ConfiguredUser } from './principal.js';
import { hashSecret } from './secrets.js';

/**
 * The admin user given by `GATE_ADMIN_PASSWORD` (and `GATE_ADMIN_USERNAME`), as a Basic user in
 * the first admin role. The cluster install generates the password into a Secret and prints it
 * once, as Argo CD does with its initial admin secret. Undefined when no password is set.
 */
export async function bootstrapAdmin(
  username: string,
  password: string | undefined,
  adminRoles: string,
): Promise<ConfiguredUser | undefined> {
  if (!password) return undefined;
  const role =
    adminRoles
      .split(',')
      .map((r) => r.trim())
      .find(Boolean) ?? 'admin';
  return { username, passwordHash: await hashSecret(password), roles: [role] };
}
