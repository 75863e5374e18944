import { sweepOrphans } from './processes.js';

/** Vitest global setup: clears servers orphaned by earlier runs, and again after this run. */
export default function setup(): () => void {
  sweepOrphans();
  return () => {
    sweepOrphans();
  };
}
