import { bindProducedArtifactsTask } from '../tasks/manifest/deploy-manifest-tasks.js';
import {
  findArtifactsFromResourceTask,
  resolveTargetManifestTask,
} from '../tasks/manifest/update-manifest-tasks.js';
import { defineStage } from './define-stage.js';

/** `findArtifactsFromResource`: outputs the live `manifest` and the `artifacts` found in it. */
export const findArtifactsFromResourceStage = defineStage({
  type: 'findArtifactsFromResource',
  aliases: ['findArtifactFromResource'],
  tasks: () => [
    { name: 'resolveTargetManifest', task: resolveTargetManifestTask },
    { name: 'findArtifactsFromResource', task: findArtifactsFromResourceTask },
    { name: 'bindProducedArtifacts', task: bindProducedArtifactsTask },
  ],
});
