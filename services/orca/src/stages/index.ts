import type { TaskDefinition } from '../tasks/define-task.js';
import { checkPreconditionStage } from './check-precondition.js';
import { checkPreconditionsStage } from './check-preconditions.js';
import { createApplicationStage } from './create-application.js';
import { StageRegistry, TaskRegistry, type StageDefinition } from './define-stage.js';
import { deleteApplicationStage } from './delete-application.js';
import { deletePipelineStage } from './delete-pipeline.js';
import { evaluateVariablesStage } from './evaluate-variables.js';
import { jenkinsStage } from './jenkins.js';
import { manualJudgmentStage } from './manual-judgment.js';
import { pipelineStage } from './pipeline.js';
import { restrictExecutionDuringTimeWindowStage } from './restrict-execution-during-time-window.js';
import { savePipelineStage } from './save-pipeline.js';
import { updateApplicationStage } from './update-application.js';
import { updatePipelineStage } from './update-pipeline.js';
import { upsertApplicationStage } from './upsert-application.js';
import { waitStage } from './wait.js';
import { deployManifestStage } from './deploy-manifest.js';
import { deleteManifestStage } from './delete-manifest.js';
import { scaleManifestStage } from './scale-manifest.js';
import { patchManifestStage } from './patch-manifest.js';
import { undoRolloutManifestStage } from './undo-rollout-manifest.js';
import { rollingRestartManifestStage } from './rolling-restart-manifest.js';
import { enableManifestStage } from './enable-manifest.js';
import { disableManifestStage } from './disable-manifest.js';
import { findArtifactsFromResourceStage } from './find-artifacts-from-resource.js';
import { runJobManifestStage } from './run-job-manifest.js';
import { webhookStage } from './webhook.js';
import {
  clusterSizePreconditionTask,
  expressionPreconditionTask,
  stageStatusPreconditionTask,
} from '../tasks/precondition-tasks.js';
import { createWebhookTask } from '../tasks/create-webhook-task.js';
import { monitorWebhookTask } from '../tasks/monitor-webhook-task.js';
import { startPipelineTask } from '../tasks/start-pipeline-task.js';
import { monitorPipelineTask } from '../tasks/monitor-pipeline-task.js';
import { startJenkinsJobTask } from '../tasks/jenkins/start-jenkins-job-task.js';
import { monitorQueuedJenkinsJobTask } from '../tasks/jenkins/monitor-queued-jenkins-job-task.js';
import { monitorJenkinsJobTask } from '../tasks/jenkins/monitor-jenkins-job-task.js';
import { getBuildPropertiesTask } from '../tasks/jenkins/get-build-properties-task.js';
import { deleteApplicationTask, upsertApplicationTask } from '../tasks/front50-tasks.js';
import { deletePipelineTask, savePipelineTask, updatePipelineTask } from '../tasks/pipeline-config-tasks.js';
import { evaluateVariablesTask } from '../tasks/evaluate-variables-task.js';
import { executionWindowTask } from '../tasks/execution-window-task.js';
import { manualJudgmentTask } from '../tasks/manual-judgment-task.js';
import { waitTask } from '../tasks/wait-task.js';
import {
  bindProducedArtifactsTask,
  cleanupArtifactsTask,
  deployManifestTask,
  findStrategyTargetsTask,
  resolveDeploySourceManifestTask,
} from '../tasks/manifest/deploy-manifest-tasks.js';
import { monitorDeployManifestTask, monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from '../tasks/manifest/promote-outputs-task.js';
import { runJobTask, waitOnJobCompletionTask } from '../tasks/manifest/run-job-tasks.js';
import {
  deleteManifestTask,
  disableManifestTask,
  enableManifestTask,
  findArtifactsFromResourceTask,
  patchManifestTask,
  resolvePatchSourceManifestTask,
  resolveTargetManifestTask,
  rollingRestartManifestTask,
  scaleManifestTask,
  undoRolloutManifestTask,
} from '../tasks/manifest/update-manifest-tasks.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';

/** Every stage type orca runs: the one list (STYLE §7.4). */
export const stageDefinitions: readonly StageDefinition[] = [
  waitStage,
  manualJudgmentStage,
  checkPreconditionsStage,
  checkPreconditionStage,
  evaluateVariablesStage,
  pipelineStage,
  webhookStage,
  jenkinsStage,
  restrictExecutionDuringTimeWindowStage,
  createApplicationStage,
  updateApplicationStage,
  upsertApplicationStage,
  deleteApplicationStage,
  savePipelineStage,
  updatePipelineStage,
  deletePipelineStage,
  deployManifestStage,
  deleteManifestStage,
  scaleManifestStage,
  patchManifestStage,
  undoRolloutManifestStage,
  rollingRestartManifestStage,
  enableManifestStage,
  disableManifestStage,
  findArtifactsFromResourceStage,
  runJobManifestStage,
];

/** Every task implementation, found by implementing class when a runTask arrives. */
export const taskDefinitions: readonly TaskDefinition[] = [
  waitTask,
  manualJudgmentTask,
  executionWindowTask,
  expressionPreconditionTask,
  stageStatusPreconditionTask,
  clusterSizePreconditionTask,
  evaluateVariablesTask,
  startPipelineTask,
  monitorPipelineTask,
  createWebhookTask,
  monitorWebhookTask,
  startJenkinsJobTask,
  monitorQueuedJenkinsJobTask,
  monitorJenkinsJobTask,
  getBuildPropertiesTask,
  upsertApplicationTask,
  deleteApplicationTask,
  savePipelineTask,
  updatePipelineTask,
  deletePipelineTask,
  resolveDeploySourceManifestTask,
  deployManifestTask,
  monitorKatoTask,
  monitorDeployManifestTask,
  promoteManifestKatoOutputsTask,
  waitForManifestStableTask,
  cleanupArtifactsTask,
  bindProducedArtifactsTask,
  findStrategyTargetsTask,
  resolveTargetManifestTask,
  resolvePatchSourceManifestTask,
  deleteManifestTask,
  scaleManifestTask,
  patchManifestTask,
  undoRolloutManifestTask,
  rollingRestartManifestTask,
  enableManifestTask,
  disableManifestTask,
  findArtifactsFromResourceTask,
  runJobTask,
  waitOnJobCompletionTask,
];

/** The registries built from the lists (throws on a duplicate type or alias). */
export const createRegistries = () => ({
  stages: new StageRegistry(stageDefinitions),
  tasks: new TaskRegistry(taskDefinitions),
});
