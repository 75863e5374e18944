import { defineSetRolloutPaused } from './set-rollout-paused.js';

/** `pauseRolloutManifest`: sets `spec.paused: true` on a Deployment. */
export const pauseRolloutManifestOperation = defineSetRolloutPaused(true);
