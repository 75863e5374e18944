import { cleanupArtifactsOperation } from './cleanup-artifacts.js';
import type { OperationDefinition } from './define-operation.js';
import { deleteManifestOperation } from './delete-manifest.js';
import { deployManifestOperation } from './deploy-manifest.js';
import { disableManifestOperation } from './disable-manifest.js';
import { enableManifestOperation } from './enable-manifest.js';
import { patchManifestOperation } from './patch-manifest.js';
import { pauseRolloutManifestOperation } from './pause-rollout-manifest.js';
import { resumeRolloutManifestOperation } from './resume-rollout-manifest.js';
import { rollingRestartManifestOperation } from './rolling-restart-manifest.js';
import { runJobOperation } from './run-job.js';
import { scaleManifestOperation } from './scale-manifest.js';
import { undoRolloutManifestOperation } from './undo-rollout-manifest.js';

export type { OperationContext, OperationDefinition, OperationResult } from './define-operation.js';

/** Every operation `POST /kubernetes/ops` accepts, in one list. */
export const operations: readonly OperationDefinition[] = [
  deployManifestOperation,
  deleteManifestOperation,
  scaleManifestOperation,
  patchManifestOperation,
  undoRolloutManifestOperation,
  rollingRestartManifestOperation,
  pauseRolloutManifestOperation,
  resumeRolloutManifestOperation,
  enableManifestOperation,
  disableManifestOperation,
  runJobOperation,
  cleanupArtifactsOperation,
] as unknown as OperationDefinition[];

const byName = new Map<string, OperationDefinition>();
for (const op of operations) {
  if (byName.has(op.name)) throw new Error(`duplicate operation ${op.name}`);
  byName.set(op.name, op);
}

/** The operation registered under a Spinnaker operation name, if any. */
export const operationNamed = (name: string): OperationDefinition | undefined => byName.get(name);
