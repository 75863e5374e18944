import { InputError, NotFoundError, type FieldIssue } from '@genoa/shared';
import type { JsonObject } from '../object-types.js';
import type { ObjectRepository } from './object-repository.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Keys of the application model the server owns: callers cannot change them through PATCH. */
const immutableOnPatch = ['name', 'createTs', 'updateTs'];

/**
 * The application as Front50 stores it: name trimmed and upper-cased, `cloudProviders` a comma
 * string, `trafficGuards` defaulting to an empty list; every other attribute kept as given.
 */
export function normalizeApplication(input: JsonObject): JsonObject {
  const out: JsonObject = { ...input, name: (text(input.name) ?? '').trim().toUpperCase() };
  if (Array.isArray(input.cloudProviders)) out.cloudProviders = input.cloudProviders.join(',');
  if (out.trafficGuards == null) out.trafficGuards = [];
  return out;
}

/** Front50's validators (HasNameValidator, HasEmailValidator): 400 "Validation Failed." listing each. */
export function validateApplication(app: JsonObject): void {
  const issues: FieldIssue[] = [];
  if (!text(app.name)?.trim())
    issues.push({ path: 'name', message: 'Application must have a non-empty name' });
  if (!text(app.email)?.trim())
    issues.push({ path: 'email', message: 'Application must have a non-empty email' });
  if (issues.length > 0) {
    throw new InputError(`Validation Failed: ${issues.map((i) => i.message).join('; ')}`, issues);
  }
}

/** Merges a PATCH body into the stored application: given keys replace, missing keys are kept. */
export function mergeApplication(existing: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...existing };
  for (const [key, value] of Object.entries(patch)) {
    if (!immutableOnPatch.includes(key) && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** The path name must name the same application as the body (case-insensitive). */
export function assertSameName(pathName: string, body: JsonObject): void {
  const bodyName = text(body.name);
  if (bodyName !== undefined && bodyName.trim().toLowerCase() !== pathName.trim().toLowerCase()) {
    throw new InputError(`Application name in the path (${pathName}) does not match the body (${bodyName})`);
  }
}

/** Spinnaker's list filter: every other query parameter is a case-insensitive substring match on that attribute. */
export function matchesAttributes(app: JsonObject, filters: Record<string, string>): boolean {
  return Object.entries(filters).every(([key, wanted]) => {
    const value = app[key];
    if (value == null) return false;
    const haystack = typeof value === 'string' ? value : JSON.stringify(value);
    return haystack.toLowerCase().includes(wanted.toLowerCase());
  });
}

/** Converts the legacy `requiredGroupMembership` into READ and WRITE permissions (roles lower-cased). */
export function normalizePermission(input: JsonObject): JsonObject {
  const { requiredGroupMembership, ...rest } = input;
  const out: JsonObject = { ...rest, name: (text(input.name) ?? '').trim().toUpperCase() };
  if (Array.isArray(requiredGroupMembership) && out.permissions == null) {
    const roles = requiredGroupMembership.map((r) => String(r).toLowerCase());
    out.permissions = { READ: roles, WRITE: roles };
  }
  return out;
}

/** Whether a permission record restricts anything. */
export function isRestricted(permission: JsonObject | undefined): boolean {
  const permissions = permission?.permissions;
  return (
    !!permissions &&
    typeof permissions === 'object' &&
    Object.values(permissions).some((roles) => Array.isArray(roles) && roles.length > 0)
  );
}

/** The application with its permissions injected when they restrict it (Front50's GET shape). */
export function withPermissions(app: JsonObject, permission: JsonObject | undefined): JsonObject {
  if (isRestricted(permission)) return { ...app, permissions: permission!.permissions };
  const { permissions: _dropped, ...rest } = app;
  return rest;
}

/** The stored application or a 404 naming it. */
export async function requireApplication(repo: ObjectRepository, name: string): Promise<JsonObject> {
  const found = await repo.find(name.trim());
  if (!found) throw new NotFoundError(`Application ${name} not found`);
  return found.item;
}
