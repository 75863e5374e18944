import { InputError, TaskRefSchema, TaskViewSchema, type TaskView } from '@genoa/shared';
import type { ServiceClient } from '@genoa/shared/node';
import type { Identity } from '@genoa/shared';

/** Options of {@link submitAndWait}. */
export interface WaitOptions {
  maxPolls: number;
  intervalMs: number;
  identity: Identity;
  requestId?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The task id in an orca ref (`/tasks/<id>` → `<id>`). */
export const taskIdOf = (ref: string): string => ref.split('/')[2] ?? '';

/** The failure message of a task: `exception.details.errors[0]` (Spinnaker), else `error`. */
export function taskFailureMessage(task: TaskView): string | undefined {
  const exception = task.variables.find((v) => v.key === 'exception')?.value as
    { details?: { errors?: unknown[]; error?: unknown } } | undefined;
  const first = exception?.details?.errors?.[0];
  if (typeof first === 'string') return first;
  return typeof exception?.details?.error === 'string' ? exception.details.error : undefined;
}

/**
 * Gate's create-and-wait: submits an orchestration to orca `POST /ops`, then polls
 * `GET /tasks/{id}` until SUCCEEDED or TERMINAL (at most `maxPolls`, `intervalMs` apart). Anything
 * but SUCCEEDED is a 400 carrying the task's error (Spinnaker's PipelineException).
 */
export async function submitAndWait(
  orca: ServiceClient,
  body: Record<string, unknown>,
  what: string,
  options: WaitOptions,
): Promise<TaskView> {
  const call = { identity: options.identity, requestId: options.requestId };
  const { ref } = await orca.post('/ops', { ...call, body, schema: TaskRefSchema });
  const id = taskIdOf(ref);
  let task: TaskView | undefined;
  for (let poll = 0; poll < options.maxPolls; poll++) {
    task = await orca.get(`/tasks/${encodeURIComponent(id)}`, { ...call, schema: TaskViewSchema });
    if (task.status === 'SUCCEEDED' || task.status === 'TERMINAL') break;
    if (poll < options.maxPolls - 1) await sleep(options.intervalMs);
  }
  if (task?.status !== 'SUCCEEDED') {
    throw new InputError(
      (task && taskFailureMessage(task)) ??
        `${what} operation did not succeed: ${id} (status: ${task?.status ?? 'UNKNOWN'})`,
    );
  }
  return task;
}
