import {
  bindProducedArtifactsTask,
  cleanupArtifactsTask,
  deployManifestTask,
  findStrategyTargetsTask,
  resolveDeploySourceManifestTask,
  trafficOf,
} from '../tasks/manifest/deploy-manifest-tasks.js';
import { monitorDeployManifestTask, monitorKatoTask } from '../tasks/manifest/monitor-kato-task.js';
import { promoteManifestKatoOutputsTask } from '../tasks/manifest/promote-outputs-task.js';
import { waitForManifestStableTask } from '../tasks/manifest/wait-for-manifest-stable-task.js';
import { defineStage, type SyntheticSpec } from './define-stage.js';

/**
 * `deployManifest`: resolve the manifests and artifacts → deploy → monitor → promote outputs →
 * wait for stable → clean up old versions → bind produced artifacts (engine.md §5.9). With traffic
 * management, the cluster's other ReplicaSets are disabled (redblack, bluegreen) or disabled and
 * deleted (highlander) by synthetic after-stages.
 */
export const deployManifestStage = defineStage({
  type: 'deployManifest',
  tasks(stage) {
    return [
      { name: 'resolveDeploySourceManifest', task: resolveDeploySourceManifestTask },
      { name: 'deployManifest', task: deployManifestTask },
      { name: 'monitorDeploy', task: monitorDeployManifestTask },
      { name: 'promoteOutputs', task: promoteManifestKatoOutputsTask },
      { name: 'waitForManifestToStabilize', task: waitForManifestStableTask },
      { name: 'cleanupArtifacts', task: cleanupArtifactsTask },
      { name: 'monitorCleanup', task: monitorKatoTask },
      { name: 'promoteOutputs', task: promoteManifestKatoOutputsTask },
      { name: 'bindProducedArtifacts', task: bindProducedArtifactsTask },
      ...(trafficOf(stage) ? [{ name: 'findStrategyTargets', task: findStrategyTargetsTask }] : []),
    ];
  },
  afterStages(stage, execution) {
    const strategy = trafficOf(stage)?.options?.strategy;
    const targets = (stage.context.strategyTargets as { manifestName: string; location: string }[]) ?? [];
    if (!strategy || strategy === 'none') return [];
    const base = {
      account: stage.context.account ?? stage.context.credentials,
      cloudProvider: 'kubernetes',
      app: (stage.context.moniker as { app?: string } | undefined)?.app ?? execution.application,
    };
    return targets.flatMap(({ manifestName, location }): SyntheticSpec[] => {
      const context = { ...base, manifestName, location };
      const disable = { type: 'disableManifest', name: `Disable ${manifestName}`, context };
      return strategy === 'highlander'
        ? [
            disable,
            {
              type: 'deleteManifest',
              name: `Delete ${manifestName}`,
              context: { ...context, options: { cascading: true } },
            },
          ]
        : [disable];
    });
  },
  prepareForRestart(stage) {
    for (const key of Object.keys(stage.context))
      if (key.startsWith('kato.') || key.startsWith('outputs.') || key === 'strategyTargets')
        delete stage.context[key];
  },
});
