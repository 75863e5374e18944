import { useSyncExternalStore } from 'react';
import { pathFromHash } from './router.js';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const snapshot = () => pathFromHash(window.location.hash);

/** The current route path (from the URL hash); re-renders on navigation. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}
