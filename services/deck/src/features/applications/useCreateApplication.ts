import type { TaskView } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createApplication, getTask, type NewApplication } from '../../api/applications.js';
import { isTaskDone, taskFailureMessage } from './applicationView.js';

/** How often deck follows a task (Spinnaker polls `/tasks/{id}` once a second). */
export const TASK_POLL_MS = 1_000;

/** Where the create-application task is. */
export type CreateState =
  | { phase: 'idle' }
  | { phase: 'submitting' }
  | { phase: 'running'; taskId: string; status: string }
  | { phase: 'succeeded'; taskId: string }
  | { phase: 'failed'; message: string; taskId?: string };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => window.clearTimeout(timer), { once: true });
  });

/**
 * Runs application tasks: `run(submit, onSucceeded)` submits a task (`submit` resolves with its
 * id), follows `GET /tasks/{id}` until it SUCCEEDS or ends otherwise; a failed task reports its
 * first error. `onSucceeded` runs once on success.
 */
export function useApplicationTask() {
  const [state, setState] = useState<CreateState>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (submit: () => Promise<string>, onSucceeded: () => void) => {
    controller.current?.abort();
    const ctl = new AbortController();
    controller.current = ctl;
    setState({ phase: 'submitting' });
    let taskId: string | undefined;
    try {
      taskId = await submit();
      let task: TaskView = await getTask(taskId, ctl.signal);
      while (!isTaskDone(task) && !ctl.signal.aborted) {
        setState({ phase: 'running', taskId, status: task.status });
        await sleep(TASK_POLL_MS, ctl.signal);
        if (ctl.signal.aborted) return;
        task = await getTask(taskId, ctl.signal);
      }
      if (ctl.signal.aborted) return;
      if (task.status === 'SUCCEEDED') {
        setState({ phase: 'succeeded', taskId });
        onSucceeded();
      } else {
        setState({ phase: 'failed', taskId, message: taskFailureMessage(task) });
      }
    } catch (err) {
      if (ctl.signal.aborted) return;
      setState({ phase: 'failed', taskId, message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    setState({ phase: 'idle' });
  }, []);

  return { state, run, reset };
}

/** Submits a `createApplication` task and follows it (see {@link useApplicationTask}). */
export function useCreateApplication(onSucceeded: (name: string) => void) {
  const { state, run, reset } = useApplicationTask();
  const submit = useCallback(
    (app: NewApplication) =>
      run(
        () => createApplication(app),
        () => onSucceeded(app.name),
      ),
    [run, onSucceeded],
  );
  return { state, submit, reset };
}
