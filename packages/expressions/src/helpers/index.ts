import { ExpressionError } from '../errors.js';
import { alphanumericalHelper } from './alphanumerical.js';
import { currentStageHelper } from './current-stage.js';
import { currentUserHelper } from './current-user.js';
import type { HelperDefinition } from './define-helper.js';
import { deployedServerGroupsHelper } from './deployed-server-groups.js';
import { doNotEvalHelper } from './do-not-eval.js';
import { fromBase64Helper } from './from-base64.js';
import { fromUrlHelper } from './from-url.js';
import { jsonFromUrlHelper } from './json-from-url.js';
import { judgmentHelper } from './judgment.js';
import { manifestLabelValueHelper } from './manifest-label-value.js';
import { pipelineIdHelper } from './pipeline-id.js';
import { pipelineIdInApplicationHelper } from './pipeline-id-in-application.js';
import { pipelineIdOrNullHelper } from './pipeline-id-or-null.js';
import { propertiesFromUrlHelper } from './properties-from-url.js';
import { readAllYamlHelper } from './read-all-yaml.js';
import { readJsonHelper } from './read-json.js';
import { readYamlHelper } from './read-yaml.js';
import { stageHelper } from './stage.js';
import { stageByRefIdHelper } from './stage-by-ref-id.js';
import { stageExistsHelper } from './stage-exists.js';
import { toBase64Helper } from './to-base64.js';
import { toBooleanHelper } from './to-boolean.js';
import { toFloatHelper } from './to-float.js';
import { toIntHelper } from './to-int.js';
import { toJsonHelper } from './to-json.js';
import { triggerResolvedArtifactHelper } from './trigger-resolved-artifact.js';
import { triggerResolvedArtifactByTypeHelper } from './trigger-resolved-artifact-by-type.js';
import { yamlFromUrlHelper } from './yaml-from-url.js';

export { defineHelper, type HelperCall, type HelperDefinition } from './define-helper.js';

/** Every built-in `#helper`, in one list: add a file, then one line here. */
export const helperDefinitions: readonly HelperDefinition[] = [
  stageHelper,
  stageByRefIdHelper,
  stageExistsHelper,
  currentStageHelper,
  currentUserHelper,
  judgmentHelper,
  triggerResolvedArtifactHelper,
  triggerResolvedArtifactByTypeHelper,
  deployedServerGroupsHelper,
  manifestLabelValueHelper,
  toJsonHelper,
  readJsonHelper,
  readYamlHelper,
  readAllYamlHelper,
  toIntHelper,
  toFloatHelper,
  toBooleanHelper,
  toBase64Helper,
  fromBase64Helper,
  alphanumericalHelper,
  doNotEvalHelper,
  fromUrlHelper,
  jsonFromUrlHelper,
  yamlFromUrlHelper,
  propertiesFromUrlHelper,
  pipelineIdHelper,
  pipelineIdOrNullHelper,
  pipelineIdInApplicationHelper,
];

/** Builds a registry by name and alias; throws on a duplicate name. */
export function createHelperRegistry(
  definitions: readonly HelperDefinition[],
): ReadonlyMap<string, HelperDefinition> {
  const registry = new Map<string, HelperDefinition>();
  for (const helper of definitions) {
    for (const name of [helper.name, ...(helper.aliases ?? [])]) {
      if (registry.has(name)) throw new ExpressionError('EVALUATION', `Duplicate expression helper #${name}`);
      registry.set(name, helper);
    }
  }
  return registry;
}

/** The registry of all built-in helpers. */
export const helperRegistry: ReadonlyMap<string, HelperDefinition> = createHelperRegistry(helperDefinitions);
