import type { Application, TaskView } from '@genoa/shared';

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
