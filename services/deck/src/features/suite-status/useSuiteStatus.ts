import { useCallback, useEffect, useRef, useState } from 'react';
import { GateError } from '../../api/gate-client.js';
import { getGateHealth, getGateVersion, type GateHealth, type GateVersion } from '../../api/suite-status.js';

/** Deck's background refresh period (Spinnaker's `pollSchedule`). */
export const SUITE_STATUS_POLL_MS = 30_000;

/** What the Suite status page shows: the last answers, the failures of the last round, and when. */
export interface SuiteStatus {
  /** True until the first round of calls has finished. */
  loading: boolean;
  /** True while a round of calls is in flight. */
  refreshing: boolean;
  version?: GateVersion;
  health?: GateHealth;
  /** Failures of the last round, one per failed call. */
  errors: GateError[];
  checkedAt?: Date;
}

const asGateError = (reason: unknown, path: string): GateError =>
  reason instanceof GateError
    ? reason
    : new GateError(reason instanceof Error ? reason.message : String(reason), 'unreachable', path);

/**
 * Loads gate's version and health through deck's proxy, then again every
 * {@link SUITE_STATUS_POLL_MS} while the tab is visible and whenever it becomes visible again.
 * A failed round clears the answers it could not refresh, so stale data is never shown as current.
 */
export function useSuiteStatus(): SuiteStatus & { refresh: () => void } {
  const [status, setStatus] = useState<SuiteStatus>({ loading: true, refreshing: true, errors: [] });
  const inFlight = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setStatus((previous) => ({ ...previous, refreshing: true }));
    void Promise.allSettled([getGateVersion(controller.signal), getGateHealth(controller.signal)]).then(
      ([version, health]) => {
        if (controller.signal.aborted) return;
        const errors: GateError[] = [];
        if (version.status === 'rejected') errors.push(asGateError(version.reason, '/version'));
        if (health.status === 'rejected') errors.push(asGateError(health.reason, '/health'));
        setStatus({
          loading: false,
          refreshing: false,
          version: version.status === 'fulfilled' ? version.value : undefined,
          health: health.status === 'fulfilled' ? health.value : undefined,
          errors,
          checkedAt: new Date(),
        });
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, SUITE_STATUS_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      inFlight.current?.abort();
    };
  }, [refresh]);

  return { ...status, refresh };
}
