import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getExecution, getExecutions, getPipelineConfigs } from '../../api/executions.js';
import { GateError, primeGet } from '../../api/gate-client.js';
import {
  EXECUTIONS_PER_PIPELINE,
  executionsPath,
  FIRST_PAINT_EXECUTIONS_PER_PIPELINE,
} from '../../api/paths.js';
import type { LiveMode } from '../live/liveUpdates.js';
import { useLiveUpdates } from '../live/useLiveUpdates.js';

/** Poll period while gate's live stream is absent or broken. */
export const EXECUTIONS_POLL_MS = 5_000;

export { EXECUTIONS_PER_PIPELINE };

/** What the executions page shows. */
export interface ExecutionsState {
  loading: boolean;
  /** True until the first executions answer (pipelines may already show). */
  executionsLoading: boolean;
  pipelines: Pipeline[];
  executions: PipelineExecution[];
  errors: GateError[];
  /** When the last round finished (drives running durations). */
  checkedAt: number;
}

const asGateError = (reason: unknown, path: string): GateError =>
  reason instanceof GateError ? reason : new GateError(String(reason), 'unreachable', path);

/** Resolves after the browser has painted (or 50 ms, in a hidden tab where frames do not run). */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });

/** `executions` with `updated` put in place of the execution with its id (or added first). */
export function mergeExecution(
  executions: readonly PipelineExecution[],
  updated: PipelineExecution,
): PipelineExecution[] {
  const index = executions.findIndex((e) => e.id === updated.id);
  if (index < 0) return [updated, ...executions];
  const next = executions.slice();
  next[index] = updated;
  return next;
}

/** An execution fetched on its own (after a live event), and when that fetch was asked for. */
export interface SingleFetch {
  execution: PipelineExecution;
  requestedAt: number;
}

/**
 * A list answer with the executions fetched on their own *after* the list was asked for put back in
 * place: a slow (or primed) list answer must not undo a newer live update. Older single fetches are
 * dropped from `singles` (the list supersedes them).
 */
export function withNewerSingles(
  list: readonly PipelineExecution[],
  listRequestedAt: number,
  singles: Map<string, SingleFetch>,
): PipelineExecution[] {
  let out = list.slice();
  for (const [id, single] of singles) {
    if (single.requestedAt <= listRequestedAt) singles.delete(id);
    else out = mergeExecution(out, single.execution);
  }
  return out;
}

/**
 * Loads an application's pipeline configs and recent executions and keeps them current: gate's
 * live stream says which execution changed (that one is refetched); on (re)connect, and every
 * {@link EXECUTIONS_POLL_MS} while the stream is unavailable, everything is refetched.
 * `refresh` refetches at once (after an action).
 */
export function useExecutions(
  application: string,
): ExecutionsState & { refresh: () => void; mode: LiveMode } {
  const [state, setState] = useState<ExecutionsState>({
    loading: true,
    executionsLoading: true,
    pipelines: [],
    executions: [],
    errors: [],
    checkedAt: Date.now(),
  });
  const inFlight = useRef<AbortController | undefined>(undefined);
  const again = useRef(false);
  /** True once a full executions answer has arrived (later rounds skip the first-paint answer). */
  const seeded = useRef(false);
  /** Executions refetched after live events, kept until a list asked for later supersedes them. */
  const singles = useRef(new Map<string, SingleFetch>());

  // One round at a time: a refresh asked for while one runs is coalesced into one more round
  // after it (never aborting it, so a burst of events cannot starve the first render).
  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const controller = new AbortController();
    inFlight.current = controller;
    const errors: GateError[] = [];
    // Each answer is shown as soon as it arrives: the pipelines first (small), then executions.
    const pipelines = getPipelineConfigs(application, controller.signal).then(
      (value) => {
        if (!controller.signal.aborted)
          setState((previous) => ({ ...previous, pipelines: value, loading: false }));
      },
      (reason: unknown) => void errors.push(asGateError(reason, 'pipelineConfigs')),
    );
    // The executions answer is the big one (10,000 executions are megabytes). The first round asks
    // for the newest run per pipeline first (a tenth of it) and shows it, then the full list,
    // which replaces it; each is parsed only once what came before has painted.
    const limits = seeded.current
      ? [EXECUTIONS_PER_PIPELINE]
      : [FIRST_PAINT_EXECUTIONS_PER_PIPELINE, EXECUTIONS_PER_PIPELINE];
    const requestedAt = [Date.now()];
    primeGet(executionsPath(application, limits[0]));
    let executions: Promise<void> = pipelines.then(afterPaint);
    limits.forEach((limit, index) => {
      executions = executions
        .then(() => getExecutions(application, limit, controller.signal))
        .then(
          (value) => {
            if (controller.signal.aborted) return;
            const next = limits[index + 1];
            if (next !== undefined) {
              requestedAt[index + 1] = Date.now();
              primeGet(executionsPath(application, next));
            } else seeded.current = true;
            const listAskedAt = requestedAt[index] ?? 0;
            setState((previous) => ({
              ...previous,
              executions: withNewerSingles(value, listAskedAt, singles.current),
              executionsLoading: false,
              checkedAt: Date.now(),
            }));
            return next === undefined ? undefined : afterPaint();
          },
          (reason: unknown) => {
            // a failed first-paint answer is only reported if the full one fails too
            if (index === limits.length - 1) errors.push(asGateError(reason, 'pipelines'));
          },
        );
    });
    void Promise.all([pipelines, executions]).then(() => {
      if (controller.signal.aborted) return;
      inFlight.current = undefined;
      setState((previous) => ({
        ...previous,
        loading: false,
        executionsLoading: false,
        errors,
        checkedAt: Date.now(),
      }));
      if (again.current) {
        again.current = false;
        refresh();
      }
    });
  }, [application]);

  useEffect(
    () => () => {
      inFlight.current?.abort();
      inFlight.current = undefined;
      again.current = false;
    },
    [],
  );

  const mode = useLiveUpdates(
    application,
    {
      onResync: refresh,
      onExecution: (event) => {
        if (event.executionType && event.executionType !== 'PIPELINE') return;
        const askedAt = Date.now();
        getExecution(event.executionId).then(
          (execution) => {
            const known = singles.current.get(execution.id);
            if (!known || known.requestedAt <= askedAt)
              singles.current.set(execution.id, { execution, requestedAt: askedAt });
            setState((previous) => ({
              ...previous,
              executions: mergeExecution(previous.executions, execution),
              checkedAt: Date.now(),
            }));
          },
          () => refresh(),
        );
      },
    },
    EXECUTIONS_POLL_MS,
  );

  return { ...state, refresh, mode };
}
