import { defineKind } from './kind-handler.js';

/** CronJob: scheduled Jobs; stable once stored. */
export const cronJobKind = defineKind({
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  deployPriority: 100,
});
