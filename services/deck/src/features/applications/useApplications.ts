import type { Application } from '@genoa/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listApplications } from '../../api/applications.js';
import { GateError } from '../../api/gate-client.js';

/** The applications list as the page shows it. */
export interface ApplicationsState {
  loading: boolean;
  applications: Application[];
  error?: GateError;
  reload: () => void;
}

/** Loads `GET /gate/applications` once and on {@link ApplicationsState.reload}. */
export function useApplications(): ApplicationsState {
  const [state, setState] = useState<Omit<ApplicationsState, 'reload'>>({ loading: true, applications: [] });
  const inFlight = useRef<AbortController | undefined>(undefined);

  const reload = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    listApplications(controller.signal).then(
      (applications) => {
        if (!controller.signal.aborted) setState({ loading: false, applications });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          err instanceof GateError ? err : new GateError(String(err), 'unreachable', '/applications');
        setState({ loading: false, applications: [], error });
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => inFlight.current?.abort();
  }, [reload]);

  return { ...state, reload };
}
