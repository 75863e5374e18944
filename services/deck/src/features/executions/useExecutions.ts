import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getExecution, getExecutions, getPipelineConfigs } from '../../api/executions.js';
import { GateError } from '../../api/gate-client.js';
import type { LiveMode } from '../live/liveUpdates.js';
import { useLiveUpdates } from '../live/useLiveUpdates.js';

/** Poll period while gate's live stream is absent or broken. */
export const EXECUTIONS_POLL_MS = 5_000;

/** Executions kept per pipeline config (gate's default for `/applications/{app}/pipelines`). */
export const EXECUTIONS_PER_PIPELINE = 10;

/** What the executions page shows. */
export interface ExecutionsState {
  loading: boolean;
  pipelines: Pipeline[];
  executions: PipelineExecution[];
  errors: GateError[];
  /** When the last round finished (drives running durations). */
  checkedAt: number;
}

const asGateError = (reason: unknown, path: string): GateError =>
  reason instanceof GateError ? reason : new GateError(String(reason), 'unreachable', path);

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
    pipelines: [],
    executions: [],
    errors: [],
    checkedAt: Date.now(),
  });
  const inFlight = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    void Promise.allSettled([
      getPipelineConfigs(application, controller.signal),
      getExecutions(application, EXECUTIONS_PER_PIPELINE, controller.signal),
    ]).then(([pipelines, executions]) => {
      if (controller.signal.aborted) return;
      const errors: GateError[] = [];
      if (pipelines.status === 'rejected') errors.push(asGateError(pipelines.reason, 'pipelineConfigs'));
      if (executions.status === 'rejected') errors.push(asGateError(executions.reason, 'pipelines'));
      setState((previous) => ({
        loading: false,
        pipelines: pipelines.status === 'fulfilled' ? pipelines.value : previous.pipelines,
        executions: executions.status === 'fulfilled' ? executions.value : previous.executions,
        errors,
        checkedAt: Date.now(),
      }));
    });
  }, [application]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const mode = useLiveUpdates(
    application,
    {
      onResync: refresh,
      onExecution: (event) => {
        if (event.executionType && event.executionType !== 'PIPELINE') return;
        getExecution(event.executionId).then(
          (execution) =>
            setState((previous) => ({
              ...previous,
              executions: mergeExecution(previous.executions, execution),
              checkedAt: Date.now(),
            })),
          () => refresh(),
        );
      },
    },
    EXECUTIONS_POLL_MS,
  );

  return { ...state, refresh, mode };
}
