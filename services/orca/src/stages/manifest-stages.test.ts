import type { PipelineExecution, StageExecution } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { deployManifestStage } from './deploy-manifest.js';
import { createRegistries } from './index.js';

const stage = (type: string, context: Record<string, unknown> = {}) =>
  ({ id: 's', refId: '1', type, name: type, context, outputs: {}, tasks: [] }) as unknown as StageExecution;
const execution = { id: 'e', application: 'demo', stages: [] } as unknown as PipelineExecution;
const graph = (type: string, context: Record<string, unknown> = {}) => {
  const s = stage(type, context);
  const definition = createRegistries().stages.resolve(s)!;
  return definition.tasks(s, execution).map((t) => t.name);
};

describe('manifest stage task graphs (Spinnaker sequences)', () => {
  it.each([
    ['deleteManifest', ['resolveTargetManifest', 'deleteManifest', 'monitorDelete', 'promoteOutputs']],
    [
      'scaleManifest',
      ['resolveTargetManifest', 'scaleManifest', 'monitorScale', 'waitForManifestToStabilize'],
    ],
    [
      'patchManifest',
      [
        'resolveTargetManifest',
        'resolvePatchSourceManifest',
        'patchManifest',
        'monitorPatch',
        'promoteOutputs',
        'waitForManifestToStabilize',
        'bindProducedArtifacts',
      ],
    ],
    ['undoRolloutManifest', ['undoRolloutManifest', 'monitorUndoRollout', 'waitForManifestToStabilize']],
    ['rollingRestartManifest', ['rollingRestartManifest', 'monitorRollingRestart']],
    [
      'enableManifest',
      ['resolveTargetManifest', 'enableManifest', 'monitorEnable', 'waitForManifestToStabilize'],
    ],
    [
      'disableManifest',
      ['resolveTargetManifest', 'disableManifest', 'monitorDisable', 'waitForManifestToStabilize'],
    ],
    [
      'findArtifactFromResource',
      ['resolveTargetManifest', 'findArtifactsFromResource', 'bindProducedArtifacts'],
    ],
    ['runJob', ['runJob', 'monitorDeploy', 'promoteOutputs', 'waitOnJobCompletion', 'bindProducedArtifacts']],
  ])('%s', (type, tasks) => {
    expect(graph(type)).toEqual(tasks);
  });

  it('runJobManifest without waitForCompletion skips waitOnJobCompletion', () => {
    expect(graph('runJobManifest', { waitForCompletion: false })).not.toContain('waitOnJobCompletion');
  });

  it('every task of every manifest stage has an implementation registered', () => {
    const { stages, tasks } = createRegistries();
    for (const type of ['deployManifest', 'runJobManifest', 'patchManifest', 'deleteManifest']) {
      const s = stage(type, { trafficManagement: { enabled: true } });
      for (const t of stages.resolve(s)!.tasks(s, execution))
        expect(tasks.resolve(t.task.implementingClass)).toBe(t.task);
    }
  });
});

describe('deployManifest traffic strategies', () => {
  const targets = [{ manifestName: 'replicaSet web-v000', location: 'prod' }];
  const after = (strategy: string) =>
    deployManifestStage.afterStages!(
      stage('deployManifest', {
        account: 'k8s',
        moniker: { app: 'web' },
        trafficManagement: { enabled: true, options: { strategy } },
        strategyTargets: targets,
      }),
      execution,
    ).map((s) => [s.type, s.context]);

  it('redblack disables the older ReplicaSets of the cluster', () => {
    const context = {
      account: 'k8s',
      cloudProvider: 'kubernetes',
      app: 'web',
      manifestName: 'replicaSet web-v000',
      location: 'prod',
    };
    expect(after('redblack')).toEqual([['disableManifest', context]]);
    expect(after('bluegreen')).toEqual([['disableManifest', context]]);
  });

  it('highlander disables, then deletes them', () => {
    expect(after('highlander').map(([type]) => type)).toEqual(['disableManifest', 'deleteManifest']);
  });

  it('without traffic management there is no strategy task and no after-stage', () => {
    expect(graph('deployManifest')).not.toContain('findStrategyTargets');
    expect(graph('deployManifest', { trafficManagement: { enabled: true } }).at(-1)).toBe(
      'findStrategyTargets',
    );
    expect(
      deployManifestStage.afterStages!(stage('deployManifest', { strategyTargets: targets }), execution),
    ).toEqual([]);
  });
});
