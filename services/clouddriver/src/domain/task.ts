/** One step of a task's history (`{phase, status}`), as clouddriver's TaskDisplayStatus. */
export interface TaskHistoryEntry {
  phase: string;
  status: string;
}

/** Spinnaker's clouddriver task JSON, what orca's MonitorKatoTask polls (`GET /task/{id}`). */
export interface KatoTask {
  id: string;
  status: {
    phase: string;
    status: string;
    complete: boolean;
    completed: boolean;
    failed: boolean;
    retryable: boolean;
  };
  history: TaskHistoryEntry[];
  resultObjects: Record<string, unknown>[];
  startTimeMs: number;
  /** The replica that runs it. */
  ownerId: string;
  sagaIds: string[];
  /** Genoa: the operations requested, e.g. `["deployManifest"]`. */
  operations: string[];
  /** Genoa: who asked. */
  user: string;
  /** Genoa: when it finished (epoch ms). */
  endTimeMs?: number;
}

/** A new running task. */
export function newTask(
  id: string,
  ownerId: string,
  operations: string[],
  user: string,
  now: number,
): KatoTask {
  return {
    id,
    status: {
      phase: 'ORCHESTRATION',
      status: 'Initializing Orchestration Task',
      complete: false,
      completed: false,
      failed: false,
      retryable: false,
    },
    history: [{ phase: 'ORCHESTRATION', status: 'Initializing Orchestration Task' }],
    resultObjects: [],
    startTimeMs: now,
    ownerId,
    sagaIds: [],
    operations,
    user,
  };
}

/** The task with a new phase/status line appended to its history. */
export function withProgress(task: KatoTask, phase: string, status: string): KatoTask {
  return {
    ...task,
    status: { ...task.status, phase, status },
    history: [...task.history, { phase, status }],
  };
}

/** The task completed successfully with its result objects. */
export function completed(task: KatoTask, resultObjects: Record<string, unknown>[], now: number): KatoTask {
  const next = withProgress(task, 'ORCHESTRATION', 'Orchestration completed.');
  return {
    ...next,
    resultObjects,
    endTimeMs: now,
    status: { ...next.status, complete: true, completed: true, failed: false },
  };
}

/**
 * The task failed: its last status line quotes the error, and `resultObjects` ends with the
 * `{type: "EXCEPTION", operation, cause, message}` entry orca reads the failure from.
 */
export function failed(
  task: KatoTask,
  operation: string,
  message: string,
  cause: string,
  now: number,
  resultObjects: Record<string, unknown>[] = task.resultObjects,
): KatoTask {
  const next = withProgress(
    task,
    'ORCHESTRATION',
    `Orchestration failed: ${operation} | ${cause}: ${message}`,
  );
  return {
    ...next,
    resultObjects: [...resultObjects, { type: 'EXCEPTION', operation, cause, message }],
    endTimeMs: now,
    status: { ...next.status, complete: true, completed: true, failed: true, retryable: false },
  };
}

/** True once the task has finished, either way. */
export const isFinished = (task: KatoTask): boolean => task.status.completed;
