import type { ExecutionLiveEvent, InfrastructureLiveEvent } from '@genoa/shared';
import { useEffect, useRef, useState } from 'react';
import { startLiveUpdates, type LiveMode } from './liveUpdates.js';

/** Handlers of {@link useLiveUpdates}; they may change between renders without reconnecting. */
export interface LiveHandlers {
  onResync(): void;
  onExecution?(event: ExecutionLiveEvent): void;
  onInfrastructure?(event: InfrastructureLiveEvent): void;
}

/**
 * Follows `application`'s live events while the component is mounted (SSE from gate, polling
 * fallback every `pollMs`); a poll is skipped while the tab is hidden. Returns the current mode.
 */
export function useLiveUpdates(application: string, handlers: LiveHandlers, pollMs = 5_000): LiveMode {
  const latest = useRef(handlers);
  latest.current = handlers;
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(
    () =>
      startLiveUpdates({
        application,
        pollMs,
        onResync: () => {
          if (document.visibilityState !== 'hidden') latest.current.onResync();
        },
        onExecution: (event) => latest.current.onExecution?.(event),
        onInfrastructure: (event) => latest.current.onInfrastructure?.(event),
        onModeChange: setMode,
      }),
    [application, pollMs],
  );
  return mode;
}
