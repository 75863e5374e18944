import { bindProducedArtifactsTask } from '../tasks/manifest/deploy-manifest-tasks.js';
import { monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from '../tasks/manifest/promote-outputs-task.js';
import {
  patchManifestTask,
  resolvePatchSourceManifestTask,
  resolveTargetManifestTask,
} from '../tasks/manifest/update-manifest-tasks.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { defineStage } from './define-stage.js';

/** `patchManifest`: `patchBody` (text or artifact) with `options.mergeStrategy` strategic/merge/json. */
export const patchManifestStage = defineStage({
  type: 'patchManifest',
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'resolvePatchSourceManifest', task: resolvePatchSourceManifestTask },
    { name: 'patchManifest', task: patchManifestTask },
    { name: 'monitorPatch', task: monitorKatoTask },
    { name: 'promoteOutputs', task: promoteManifestKatoOutputsTask },
    { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
    { name: 'bindProducedArtifacts', task: bindProducedArtifactsTask },
  ],
});
