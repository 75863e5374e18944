import { bindProducedArtifactsTask } from '../tasks/manifest/deploy-manifest-tasks.js';
import { monitorDeployManifestTask } from '../tasks/manifest/monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from '../tasks/manifest/promote-outputs-task.js';
import { runJobTask, waitOnJobCompletionTask } from '../tasks/manifest/run-job-tasks.js';
import { defineStage } from './define-stage.js';

/**
 * `runJobManifest` (alias `runJob`): creates one Job, then (unless `waitForCompletion` is false)
 * waits for it to succeed or fail; outputs `jobStatus`, `completionDetails`, logs and properties.
 */
export const runJobManifestStage = defineStage({
  type: 'runJobManifest',
  aliases: ['runJob'],
  tasks(stage) {
    const wait = stage.context.waitForCompletion !== false && stage.context.waitForCompletion !== 'false';
    return [
      { name: 'runJob', task: runJobTask },
      { name: 'monitorDeploy', task: monitorDeployManifestTask },
      { name: 'promoteOutputs', task: promoteManifestKatoOutputsTask },
      ...(wait ? [{ name: 'waitOnJobCompletion', task: waitOnJobCompletionTask }] : []),
      { name: 'bindProducedArtifacts', task: bindProducedArtifactsTask },
    ];
  },
});
