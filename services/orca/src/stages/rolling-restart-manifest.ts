import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { rollingRestartManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { defineStage } from './define-stage.js';

/** `rollingRestartManifest`: restarts the target's pods through a new rollout. */
export const rollingRestartManifestStage = defineStage({
  type: 'rollingRestartManifest',
  tasks: () => [
    { name: 'rollingRestartManifest', task: rollingRestartManifestTask },
    { name: 'monitorRollingRestart', task: monitorKatoTask },
  ],
});
