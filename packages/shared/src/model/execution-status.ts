import { z } from 'zod';

/** Orca's ExecutionStatus, value for value (orca-api ExecutionStatus.java). */
export const ExecutionStatus = {
  NOT_STARTED: 'NOT_STARTED',
  RUNNING: 'RUNNING',
  PAUSED: 'PAUSED',
  SUSPENDED: 'SUSPENDED',
  SUCCEEDED: 'SUCCEEDED',
  FAILED_CONTINUE: 'FAILED_CONTINUE',
  TERMINAL: 'TERMINAL',
  CANCELED: 'CANCELED',
  REDIRECT: 'REDIRECT',
  STOPPED: 'STOPPED',
  SKIPPED: 'SKIPPED',
  BUFFERED: 'BUFFERED',
} as const;
/** One of the twelve execution, stage and task statuses. */
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

/** The zod schema for {@link ExecutionStatus}. */
export const ExecutionStatusSchema = z.enum(
  Object.values(ExecutionStatus) as [ExecutionStatus, ...ExecutionStatus[]],
);

/** Per-status flags, as Orca's enum carries them: `complete` ends the entity, `halt` stops what follows. */
export const executionStatusTraits: Readonly<Record<ExecutionStatus, { complete: boolean; halt: boolean }>> =
  Object.freeze({
    NOT_STARTED: { complete: false, halt: false },
    RUNNING: { complete: false, halt: false },
    PAUSED: { complete: false, halt: false },
    SUSPENDED: { complete: false, halt: false },
    SUCCEEDED: { complete: true, halt: false },
    FAILED_CONTINUE: { complete: true, halt: false },
    TERMINAL: { complete: true, halt: true },
    CANCELED: { complete: true, halt: true },
    REDIRECT: { complete: false, halt: false },
    STOPPED: { complete: true, halt: true },
    SKIPPED: { complete: true, halt: false },
    BUFFERED: { complete: false, halt: false },
  });

/** True for statuses that end an execution, stage or task (Orca `isComplete`). */
export const isComplete = (status: ExecutionStatus): boolean => executionStatusTraits[status].complete;

/** True for statuses that stop everything downstream (Orca `isHalt`). */
export const isHalt = (status: ExecutionStatus): boolean => executionStatusTraits[status].halt;

/** Orca `isSuccessful`: SUCCEEDED, STOPPED and SKIPPED. */
export const isSuccessful = (status: ExecutionStatus): boolean =>
  status === 'SUCCEEDED' || status === 'STOPPED' || status === 'SKIPPED';

/** Orca `isFailure`: TERMINAL, STOPPED and FAILED_CONTINUE. */
export const isFailure = (status: ExecutionStatus): boolean =>
  status === 'TERMINAL' || status === 'STOPPED' || status === 'FAILED_CONTINUE';

/** Statuses after which downstream stages may start (upstream "done and not blocking"). */
export const allowsDownstream = (status: ExecutionStatus): boolean =>
  status === 'SUCCEEDED' || status === 'FAILED_CONTINUE' || status === 'SKIPPED';

/** Every status that {@link isComplete} accepts. */
export const COMPLETED_STATUSES: readonly ExecutionStatus[] = Object.freeze(
  (Object.keys(executionStatusTraits) as ExecutionStatus[]).filter(isComplete),
);
