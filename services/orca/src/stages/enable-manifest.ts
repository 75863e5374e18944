import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { enableManifestTask, resolveTargetManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { defineStage } from './define-stage.js';

/** `enableManifest`: sends the target traffic again (its Services' selector labels added back). */
export const enableManifestStage = defineStage({
  type: 'enableManifest',
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'enableManifest', task: enableManifestTask },
    { name: 'monitorEnable', task: monitorKatoTask },
    { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
  ],
});
