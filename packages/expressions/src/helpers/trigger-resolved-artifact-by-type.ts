import { defineHelper } from './define-helper.js';
import { resolvedArtifactBy } from './trigger-resolved-artifact.js';

/** `#triggerResolvedArtifactByType(type)`: the trigger's resolved artifact of that type. */
export const triggerResolvedArtifactByTypeHelper = defineHelper({
  name: 'triggerResolvedArtifactByType',
  description: 'Looks up the an artifact in current execution trigger given its type',
  minArgs: 1,
  maxArgs: 1,
  call: ([type], call) => resolvedArtifactBy(call, 'triggerResolvedArtifactByType', 'type', type),
});
