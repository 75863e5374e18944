import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { undoRolloutManifestTask } from '../tasks/manifest/update-manifest-tasks.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { defineStage } from './define-stage.js';

/** `undoRolloutManifest`: rolls the target back `numRevisionsBack` (or to `revision`), then waits for stable. */
export const undoRolloutManifestStage = defineStage({
  type: 'undoRolloutManifest',
  tasks: () => [
    { name: 'undoRolloutManifest', task: undoRolloutManifestTask },
    { name: 'monitorUndoRollout', task: monitorKatoTask },
    { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
  ],
});
