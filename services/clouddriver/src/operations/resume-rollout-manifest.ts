import { defineSetRolloutPaused } from './set-rollout-paused.js';

/** `resumeRolloutManifest`: sets `spec.paused: false` on a Deployment. */
export const resumeRolloutManifestOperation = defineSetRolloutPaused(false);
