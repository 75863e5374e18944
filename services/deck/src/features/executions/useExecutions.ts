import type { Pipeline, PipelineExecution } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getExecutions, getPipelineConfigs } from '../../api/executions.js';
import { GateError } from '../../api/gate-client.js';

/** How often the executions view refreshes (gate has no SSE stream yet). */
export const EXECUTIONS_POLL_MS = 2_500;

/** Executions kept per pipeline config. */
export const EXECUTIONS_PER_PIPELINE = 5;

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

/**
 * Loads an application's pipeline configs and recent executions, then again every
 * {@link EXECUTIONS_POLL_MS} while the tab is visible; `refresh` polls at once (after an action).
 */
export function useExecutions(application: string): ExecutionsState & { refresh: () => void } {
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

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, EXECUTIONS_POLL_MS);
    return () => {
      window.clearInterval(timer);
      inFlight.current?.abort();
    };
  }, [refresh]);

  return { ...state, refresh };
}
