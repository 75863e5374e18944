import { ApplicationSchema, NotAllowedError, NotFoundError, type Permissions } from '@genoa/shared';
import type { ServiceClient } from '@genoa/shared/node';
import type { Principal } from './principal.js';

/** The application authorizations gate enforces (Fiat's). */
export type AppAuthorization = 'READ' | 'WRITE' | 'EXECUTE';

/**
 * Whether `principal` holds `authorization` on an application with these permissions, Fiat's
 * rules: admins hold everything; an application without permissions is open to every
 * authenticated user; otherwise the user needs one of the listed roles, and EXECUTE falls back to
 * READ's roles when the application lists no EXECUTE (Fiat's `executeFallback`).
 */
export function allows(
  principal: Principal,
  permissions: Permissions | undefined,
  authorization: AppAuthorization,
): boolean {
  if (principal.admin) return true;
  const entries = Object.entries(permissions ?? {}).filter(([, roles]) => Array.isArray(roles));
  if (entries.length === 0) return true;
  const roles = permissions?.[authorization] ?? (authorization === 'EXECUTE' ? permissions?.READ : undefined);
  if (!roles) return false;
  return roles.some((r) => principal.roles.includes(r));
}

/**
 * Application permissions, read from front50 (`GET /v2/applications/{app}`) per request and reused
 * for at most `cacheMs`. An application front50 does not know has no permissions (open), so a
 * creator can use a new application at once; `forget` drops a cached entry after a write.
 */
export class PermissionEvaluator {
  private readonly cache = new Map<string, { at: number; permissions: Permissions | undefined }>();
  constructor(
    private readonly front50: ServiceClient,
    private readonly enabled: boolean,
    private readonly cacheMs: number,
  ) {}

  /** The permissions of `app` (undefined when it has none or does not exist). */
  async permissionsOf(app: string): Promise<Permissions | undefined> {
    const key = app.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.permissions;
    let permissions: Permissions | undefined;
    try {
      const found = await this.front50.get(`/v2/applications/${encodeURIComponent(app)}`, {
        schema: ApplicationSchema,
      });
      permissions = found.permissions ?? undefined;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { at: Date.now(), permissions });
    return permissions;
  }

  /** Whether the principal may `authorization` the application (true when auth is off). */
  async can(
    principal: Principal | undefined,
    app: string,
    authorization: AppAuthorization,
  ): Promise<boolean> {
    if (!this.enabled) return true;
    if (!principal) return false;
    if (principal.admin) return true;
    return allows(principal, await this.permissionsOf(app), authorization);
  }

  /** Throws 403 (Spinnaker's "Access is denied") unless the principal may. */
  async require(
    principal: Principal | undefined,
    app: string,
    authorization: AppAuthorization,
  ): Promise<void> {
    if (!(await this.can(principal, app, authorization))) {
      throw new NotAllowedError(
        `Access denied to application ${app} - required authorization: ${authorization}`,
      );
    }
  }

  /** Forgets what is cached about `app` (after it was written). */
  forget(app: string): void {
    this.cache.delete(app.toLowerCase());
  }
}

/** Thrown when the thing asked for exists but is not readable: answered as 404 to avoid leaking names. */
export const hidden = (what: string): NotFoundError => new NotFoundError(`${what} not found`);
