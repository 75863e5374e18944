import { condition, defineKind, manifestStatus, noStatusYet, num } from './kind-handler.js';

/** Job: run to completion; stable once it succeeded, failed with its condition's message. */
export const jobKind = defineKind({
  kind: 'Job',
  apiVersion: 'batch/v1',
  deployPriority: 100,
  category: 'unclassified',
  cached: true,
  status(object) {
    if (!object.status) return noStatusYet();
    const completions = object.spec?.completions ?? 1;
    if (num(object.status.succeeded) >= num(completions)) return manifestStatus({});
    const failed = condition(object, 'Failed');
    if (failed?.status === 'True') {
      const message = failed.message ?? failed.reason ?? 'Job failed';
      return manifestStatus({
        stable: { state: false, message },
        failed: { state: true, message },
      });
    }
    return manifestStatus({ stable: { state: false, message: 'Waiting for jobs to finish' } });
  },
});
