import { TaskViewSchema, type TaskView } from '@genoa/shared';
import { z } from 'zod';
import { getTask } from './applications.js';
import { gateGet, gateSend } from './gate-client.js';

/** An application's tasks (orchestrations), newest first (`GET /applications/{app}/tasks`). */
export const getTasks = (application: string, limit = 50, signal?: AbortSignal): Promise<TaskView[]> =>
  gateGet(`/applications/${encodeURIComponent(application)}/tasks?limit=${limit}`, z.array(TaskViewSchema), {
    signal,
  });

/** Cancels a running task. */
export const cancelTask = (id: string): Promise<unknown> =>
  gateSend('PUT', `/tasks/${encodeURIComponent(id)}/cancel`, undefined, z.unknown());

const done = new Set(['SUCCEEDED', 'TERMINAL', 'CANCELED', 'STOPPED', 'FAILED_CONTINUE', 'SKIPPED']);

/** True once a task will not change any more. */
export const taskDone = (task: TaskView): boolean => done.has(task.status);

/** The task's failure (`exception.details.errors[0]`, as gate and Deck read it). */
export function taskError(task: TaskView): string | undefined {
  const exception = task.variables.find((v) => v.key === 'exception')?.value as
    { details?: { errors?: unknown[]; error?: unknown } } | undefined;
  const first = exception?.details?.errors?.[0];
  if (typeof first === 'string') return first;
  return typeof exception?.details?.error === 'string' ? exception.details.error : undefined;
}

/** Polls a task every `intervalMs` until it is done (or `signal` aborts), reporting each state. */
export async function followTask(
  id: string,
  onUpdate: (task: TaskView) => void,
  signal?: AbortSignal,
  intervalMs = 1_000,
): Promise<TaskView> {
  for (;;) {
    const task = await getTask(id, signal);
    onUpdate(task);
    if (taskDone(task)) return task;
    await new Promise((r) => setTimeout(r, intervalMs));
    if (signal?.aborted) return task;
  }
}
