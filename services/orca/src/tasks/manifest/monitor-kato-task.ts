import { katoFailureMessage } from '@genoa/shared';
import { defineTask, running, succeeded, terminal, type TaskDefinition } from '../define-task.js';
import { CD } from './manifest-support.js';

/** How often a clouddriver task is polled: its operations finish in milliseconds to seconds. */
const POLL_MS = 500;
/** A task clouddriver does not know yet (404) is polled this many times, then the stage fails. */
const NOT_FOUND_RETRIES = 30;

/**
 * MonitorKatoTask: polls clouddriver's `GET /task/{id}` (`kato.last.task.id`) until it completes;
 * records it under `kato.tasks`; a failed task is TERMINAL with its failure message. A completed
 * task without `resultObjects` while `kato.result.expected` stays RUNNING; a 404 is polled again
 * (up to 30 times).
 */
export const monitorKatoTask = defineTask({
  implementingClass: `${CD}.MonitorKatoTask`,
  backoffMs: POLL_MS,
  timeoutMs: 60 * 60 * 1000,
  async run(input, services) {
    const c = input.stage.context;
    const ref = c['kato.last.task.id'] as { id?: string } | undefined;
    if (!ref?.id)
      return terminal('No clouddriver task to monitor (kato.last.task.id is missing)', {}, input.now);
    const task = await services.clouddriver.getTask(ref.id);
    if (!task) {
      const misses = Number(c['kato.task.notFoundRetryCount'] ?? 0) + 1;
      if (misses > NOT_FOUND_RETRIES)
        return terminal(
          `clouddriver task ${ref.id} was not found after ${NOT_FOUND_RETRIES} attempts`,
          {},
          input.now,
        );
      return running({ 'kato.task.notFoundRetryCount': misses });
    }
    const entry = {
      id: task.id,
      status: task.status,
      history: task.history,
      resultObjects: task.resultObjects,
    };
    const previous = Array.isArray(c['kato.tasks']) ? (c['kato.tasks'] as { id?: string }[]) : [];
    const katoTasks = [...previous.filter((t) => t.id !== task.id), entry];
    if (!task.status.completed) return running({ 'kato.tasks': katoTasks });
    if (task.status.failed) return terminal(katoFailureMessage(task), { 'kato.tasks': katoTasks }, input.now);
    if (c['kato.result.expected'] === true && task.resultObjects.length === 0)
      return running({ 'kato.tasks': katoTasks });
    return succeeded({ context: { 'kato.tasks': katoTasks } });
  },
});

/** MonitorDeployManifestTask (`monitorDeploy` of deployManifest): MonitorKatoTask under its own class. */
export const monitorDeployManifestTask: TaskDefinition = {
  ...monitorKatoTask,
  implementingClass: `${CD}.manifest.MonitorDeployManifestTask`,
};
