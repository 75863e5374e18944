import type { Application, Permissions, TaskView } from '@genoa/shared';
import type { ApplicationConfig } from '../../api/applications.js';

/** Applications whose name, owner email, accounts or description contain `query` (case-insensitive), by name. */
export function filterApplications(applications: readonly Application[], query: string): Application[] {
  const needle = query.trim().toLowerCase();
  return applications
    .filter((app) =>
      needle === ''
        ? true
        : [app.name, app.email, app.accounts, app.description].some((field) =>
            (field ?? '').toLowerCase().includes(needle),
          ),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Epoch milliseconds (number or digit string, as front50 sends them) as a Date; undefined when absent. */
export function epochToDate(value: number | string | null | undefined): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Comma-separated accounts or cloud providers as a list (`'a, b'` → `['a','b']`). */
export const splitList = (value: string | readonly string[] | null | undefined): string[] =>
  (typeof value === 'string' ? value.split(',') : [...(value ?? [])])
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** The application-name rule Orca enforces for Kubernetes: a letter, then letters, digits or dashes. */
export const APPLICATION_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/** Why a task failed: `exception.details.errors` first, then `details.error`, then a generic line. */
export function taskFailureMessage(task: TaskView): string {
  const exception = task.variables.find((variable) => variable.key === 'exception')?.value as
    { details?: { errors?: unknown; error?: unknown } } | undefined;
  const errors = exception?.details?.errors;
  if (Array.isArray(errors) && typeof errors[0] === 'string') return errors.join('; ');
  if (typeof exception?.details?.error === 'string') return exception.details.error;
  return `Task ${task.id} ended with status ${task.status}.`;
}

/** True when a task has finished, successfully or not. */
export const isTaskDone = (task: TaskView): boolean =>
  ['SUCCEEDED', 'TERMINAL', 'CANCELED', 'STOPPED'].includes(task.status);

/** The authorizations an application's permissions grant roles (Fiat's). */
export const AUTHORIZATIONS = ['READ', 'WRITE', 'EXECUTE'] as const;

/** The config form's values: plain strings, lists comma-separated. */
export type ConfigFormValues = Record<
  'email' | 'description' | 'cloudProviders' | (typeof AUTHORIZATIONS)[number],
  string
>;

/** An application's attributes as config form values. */
export function configFormValues(app: Application): ConfigFormValues {
  const roles = (authorization: (typeof AUTHORIZATIONS)[number]) =>
    (app.permissions?.[authorization] ?? []).join(', ');
  return {
    email: app.email ?? '',
    description: app.description ?? '',
    cloudProviders: splitList(app.cloudProviders).join(', '),
    READ: roles('READ'),
    WRITE: roles('WRITE'),
    EXECUTE: roles('EXECUTE'),
  };
}

/** Field errors of the config form (empty when it may be sent). */
export function validateConfig(values: ConfigFormValues): Partial<Record<keyof ConfigFormValues, string>> {
  const errors: Partial<Record<keyof ConfigFormValues, string>> = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = 'Owner email must be an email address.';
  if (splitList(values.cloudProviders).length === 0)
    errors.cloudProviders = 'Name at least one cloud provider.';
  return errors;
}

/** The config form's values as the application config to send (roles trimmed, empty lists dropped). */
export function configFromForm(name: string, values: ConfigFormValues): ApplicationConfig {
  const permissions: Permissions = {};
  for (const authorization of AUTHORIZATIONS) {
    const roles = splitList(values[authorization]);
    if (roles.length) permissions[authorization] = roles;
  }
  return {
    name,
    email: values.email.trim(),
    description: values.description.trim(),
    cloudProviders: splitList(values.cloudProviders),
    permissions,
  };
}
