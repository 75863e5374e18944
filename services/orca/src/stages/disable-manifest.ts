import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { disableManifestTask, resolveTargetManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { defineStage } from './define-stage.js';

/** `disableManifest`: takes the target out of its Services (selector labels removed from it and its pods). */
export const disableManifestStage = defineStage({
  type: 'disableManifest',
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'disableManifest', task: disableManifestTask },
    { name: 'monitorDisable', task: monitorKatoTask },
    { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
  ],
});
