import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from '../tasks/manifest/promote-outputs-task.js';
import { deleteManifestTask, resolveTargetManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { defineStage } from './define-stage.js';

/** `deleteManifest`: by name, dynamic target, or kinds + label selectors; `options.cascading`. */
export const deleteManifestStage = defineStage({
  type: 'deleteManifest',
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'deleteManifest', task: deleteManifestTask },
    { name: 'monitorDelete', task: monitorKatoTask },
    { name: 'promoteOutputs', task: promoteManifestKatoOutputsTask },
  ],
});
