import { useSyncExternalStore } from 'react';
import { pathFromHash, queryFromHash } from './router.js';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const snapshot = () => pathFromHash(window.location.hash);
const rawHash = () => window.location.hash;

/** The current route path (from the URL hash); re-renders on navigation. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}

/** The current hash query (`#/x?a=1` → `a=1`); re-renders when it changes. */
export function useHashQuery(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, rawHash, () => '');
  return queryFromHash(hash);
}

/** Replaces the current hash (no new history entry, as a filter change should not add one). */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
