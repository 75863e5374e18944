import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { resolveTargetManifestTask, scaleManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { defineStage } from './define-stage.js';

/** `scaleManifest`: sets `replicas` on the target, then waits for it to be stable. */
export const scaleManifestStage = defineStage({
  type: 'scaleManifest',
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'scaleManifest', task: scaleManifestTask },
    { name: 'monitorScale', task: monitorKatoTask },
    { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
  ],
});
