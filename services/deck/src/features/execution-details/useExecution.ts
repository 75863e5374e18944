import type { PipelineExecution } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getExecution } from '../../api/executions.js';
import { GateError } from '../../api/gate-client.js';
import type { LiveMode } from '../live/liveUpdates.js';
import { useLiveUpdates } from '../live/useLiveUpdates.js';

/** One execution kept current: refetched on its live events, on (re)connect and while polling. */
export function useExecution(
  application: string,
  id: string,
): { execution?: PipelineExecution; error?: GateError; refresh(): void; mode: LiveMode; checkedAt: number } {
  const [state, setState] = useState<{ execution?: PipelineExecution; error?: GateError; checkedAt: number }>(
    {
      checkedAt: Date.now(),
    },
  );
  const inFlight = useRef<AbortController | undefined>(undefined);
  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    getExecution(id, controller.signal).then(
      (execution) => setState({ execution, checkedAt: Date.now() }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          err instanceof GateError ? err : new GateError(String(err), 'unreachable', `/pipelines/${id}`);
        setState((s) => ({ ...s, error, checkedAt: Date.now() }));
      },
    );
  }, [id]);
  useEffect(() => () => inFlight.current?.abort(), []);
  const mode = useLiveUpdates(application, {
    onResync: refresh,
    onExecution: (event) => {
      if (event.executionId === id) refresh();
    },
  });
  return { ...state, refresh, mode };
}
