import { InputError, type StageExecution } from '@genoa/shared';
import { defineTask, succeeded, type TaskDefinition } from '../define-task.js';
import {
  manifestArtifactOf,
  manifestsFromArtifact,
  requiredArtifacts,
  visibleArtifacts,
} from './artifacts.js';
import { accountOf, applicationOf, CD, splitManifestName, submitOperation } from './manifest-support.js';

/** The target's `manifestName` ("kind name") and `location`, checked. */
function targetOf(stage: StageExecution): { manifestName: string; location: string } {
  const { manifestName, location } = stage.context;
  if (typeof manifestName !== 'string' || !splitManifestName(manifestName))
    throw new InputError(
      'manifestName must be "<kind> <name>", e.g. "deployment nginx" (or use a dynamic target)',
    );
  return { manifestName, location: typeof location === 'string' ? location : '' };
}

/**
 * An operation task of Spinnaker's GenericUpdateManifestTask family: posts `operation` with the
 * stage context as description and records `manifest.name`, `manifest.location` and
 * `outputs.manifestNamesByNamespace` for the stability wait that follows.
 */
function updateManifestTask(className: string, operation: string): TaskDefinition {
  return defineTask({
    implementingClass: `${CD}.manifest.${className}`,
    backoffMs: 1000,
    timeoutMs: 5 * 60 * 1000,
    sideEffects: true,
    async run(input, services) {
      const { manifestName, location } = targetOf(input.stage);
      const kato = await submitOperation(services, input, operation, input.stage.context, false);
      return succeeded({
        context: {
          ...kato,
          'manifest.name': manifestName,
          'manifest.location': location,
          'outputs.manifestNamesByNamespace': { [location]: [manifestName] },
        },
      });
    },
  });
}

/** ScaleManifestTask (`replicas`). */
export const scaleManifestTask = updateManifestTask('ScaleManifestTask', 'scaleManifest');
/** UndoRolloutManifestTask (`numRevisionsBack` or `revision`). */
export const undoRolloutManifestTask = updateManifestTask('UndoRolloutManifestTask', 'undoRolloutManifest');
/** RollingRestartManifestTask. */
export const rollingRestartManifestTask = updateManifestTask(
  'RollingRestartManifestTask',
  'rollingRestartManifest',
);
/** EnableManifestTask (traffic back on through the workload's Services). */
export const enableManifestTask = updateManifestTask('EnableManifestTask', 'enableManifest');
/** DisableManifestTask (traffic off: selector labels removed from the workload and its pods). */
export const disableManifestTask = updateManifestTask('DisableManifestTask', 'disableManifest');
/** PatchManifestTask (`patchBody`, `options.mergeStrategy`); the patch source was resolved before. */
export const patchManifestTask: TaskDefinition = {
  ...updateManifestTask('PatchManifestTask', 'patchManifest'),
  run: async (input, services) => {
    const c = input.stage.context;
    const { manifestName, location } = targetOf(input.stage);
    const description = { ...c, source: 'text', patchBody: c.patchBody, manifestName, location };
    const kato = await submitOperation(services, input, 'patchManifest', description, true);
    return succeeded({ context: kato });
  },
};

/** DeleteManifestTask: by `manifestName`, or by `kinds` + `labelSelectors`; `options.cascading`. */
export const deleteManifestTask = defineTask({
  implementingClass: `${CD}.manifest.DeleteManifestTask`,
  backoffMs: 1000,
  timeoutMs: 5 * 60 * 1000,
  sideEffects: true,
  async run(input, services) {
    const context = await submitOperation(services, input, 'deleteManifest', input.stage.context, false);
    return succeeded({ context });
  },
});

/**
 * ResolvePatchSourceManifestTask: with `source: "artifact"`, the patch body read from the
 * manifest artifact (one document), plus the required and optional artifacts.
 */
export const resolvePatchSourceManifestTask = defineTask({
  implementingClass: `${CD}.manifest.ResolvePatchSourceManifestTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  run(input) {
    const { execution, stage } = input;
    const values: Record<string, unknown> = {
      requiredArtifacts: requiredArtifacts(execution, stage),
      allArtifacts: visibleArtifacts(execution, stage),
    };
    if (stage.context.source === 'artifact') {
      const docs = manifestsFromArtifact(manifestArtifactOf(execution, stage));
      if (docs.length !== 1)
        throw new InputError(`A patch artifact must hold one document, found ${docs.length}`);
      values.patchBody = docs[0];
    }
    if (values.patchBody === undefined && stage.context.patchBody === undefined)
      throw new InputError('patchBody is required');
    return succeeded({ context: values });
  },
});

/**
 * ResolveTargetManifestTask: with `criteria` (`newest`, `oldest`, …), asks clouddriver which member
 * of `cluster` it picks and stores its `manifestName`.
 */
export const resolveTargetManifestTask = defineTask({
  implementingClass: `${CD}.manifest.ResolveTargetManifestTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  async run(input, services) {
    const c = input.stage.context;
    if (typeof c.criteria !== 'string' || c.criteria === '' || c.manifestName) return succeeded();
    const kind = String(c.kind ?? splitManifestName(String(c.cluster ?? ''))?.kind ?? '');
    const app = applicationOf(input.stage, input.execution.application);
    const location = String(c.location ?? '');
    const picked = await services.clouddriver.dynamicTarget(
      accountOf(input.stage),
      location,
      kind,
      app,
      String(c.cluster),
      c.criteria,
    );
    if (!picked) throw new InputError(`No ${kind} in cluster ${String(c.cluster)} matches ${c.criteria}`);
    const manifestName = picked.manifestName ?? `${picked.kind} ${picked.name}`;
    return succeeded({ context: { manifestName }, outputs: { manifestName } });
  },
});

/** FindArtifactsFromResourceTask: the live manifest and the artifacts found in it. */
export const findArtifactsFromResourceTask = defineTask({
  implementingClass: `${CD}.manifest.FindArtifactsFromResourceTask`,
  backoffMs: 1000,
  timeoutMs: 60_000,
  async run(input, services) {
    const { manifestName, location } = targetOf(input.stage);
    const view = await services.clouddriver.getManifest(accountOf(input.stage), location, manifestName);
    if (!view) throw new InputError(`${manifestName} not found in ${location || 'the cluster'}`);
    const values = { manifest: view.manifest, artifacts: view.artifacts };
    return succeeded({ context: values, outputs: values });
  },
});
