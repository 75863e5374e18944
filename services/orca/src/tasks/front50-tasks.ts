import { errorCodeOf, InputError } from '@genoa/shared';
import { defineTask, succeeded, terminal } from './define-task.js';

/** Decodes a base64 JSON payload (Gate's encoding) or passes an object through. */
export function decodePayload(value: unknown, what: string): unknown {
  if (value && typeof value === 'object') return value;
  if (typeof value !== 'string' || value === '') throw new InputError(`The ${what} payload is missing`);
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    try {
      return JSON.parse(value);
    } catch {
      throw new InputError(`The ${what} payload is not base64-encoded JSON`);
    }
  }
}

/** Orca's ApplicationNameValidator for kubernetes: letters, digits and dashes, ≤ 63 characters. */
export function applicationNameProblem(app: Record<string, unknown>): string | undefined {
  const name = String(app.name ?? '');
  if (name === '') return 'Application must have a non-empty name';
  const providers = String(app.cloudProviders ?? '');
  if (
    providers
      .split(',')
      .map((s) => s.trim())
      .includes('kubernetes')
  ) {
    if (!/^([a-zA-Z][a-zA-Z0-9-]*)$/.test(name))
      return `Application name "${name}" is invalid for kubernetes`;
    if (name.length > 63) return `Application name "${name}" is longer than 63 characters`;
  }
  return undefined;
}

/** UpsertApplicationTask: create the application in front50 if new, else merge-update it; then permissions. */
export const upsertApplicationTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.applications.tasks.UpsertApplicationTask',
  backoffMs: 5_000,
  timeoutMs: 60_000,
  async run(input, services) {
    const app = input.stage.context.application as Record<string, unknown> | undefined;
    if (!app || typeof app !== 'object')
      return terminal('The job needs an `application` object', {}, input.now);
    const problem = applicationNameProblem(app);
    if (problem) return terminal(problem, {}, input.now);
    const name = String(app.name);
    const { permissions, ...attributes } = app;
    const existing = await services.front50.getApplication(name);
    if (existing) await services.front50.updateApplication(name, attributes);
    else await services.front50.createApplication(attributes);
    if (permissions && typeof permissions === 'object')
      await services.front50.updatePermissions(name, permissions as Record<string, unknown>);
    return succeeded({
      context: { previousState: existing ?? {} },
      outputs: {
        'notification.type': existing ? 'updateapplication' : 'createapplication',
        'application.name': name,
      },
    });
  },
});

/** DeleteApplicationTask: delete the application and its permissions; an absent one counts as deleted. */
export const deleteApplicationTask = defineTask({
  implementingClass: 'com.netflix.spinnaker.orca.applications.tasks.DeleteApplicationTask',
  backoffMs: 5_000,
  timeoutMs: 60_000,
  async run(input, services) {
    const app = input.stage.context.application as { name?: string } | undefined;
    const name = app?.name;
    if (!name) return terminal('The job needs `application.name`', {}, input.now);
    const existing = await services.front50.getApplication(name);
    if (existing) {
      await services.front50.deleteApplication(name);
      await services.front50.deletePermissions(name).catch((err: unknown) => {
        if (errorCodeOf(err) !== 'NOT_FOUND') throw err;
      });
    }
    return succeeded({
      context: { previousState: existing ?? {} },
      outputs: { 'notification.type': 'deleteapplication', 'application.name': name },
    });
  },
});
