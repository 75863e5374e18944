import { isPlainObject } from '../guard.js';
import type { HelperCall } from './define-helper.js';
import { defineHelper } from './define-helper.js';
import { executionId, executionOf, helperError, stringArg } from './support.js';

/** The bound artifact of the first resolved expected artifact of the trigger matching `field`. */
export function resolvedArtifactBy(
  call: HelperCall,
  helper: string,
  field: 'name' | 'type',
  value: unknown,
): unknown {
  const execution = executionOf(call, helper);
  const wanted = stringArg(value, helper);
  const trigger = isPlainObject(execution.trigger) ? execution.trigger : {};
  const resolved = Array.isArray(trigger.resolvedExpectedArtifacts) ? trigger.resolvedExpectedArtifacts : [];
  for (const expected of resolved) {
    const bound = isPlainObject(expected) ? expected.boundArtifact : undefined;
    if (isPlainObject(bound) && bound[field] === wanted) return bound;
  }
  throw helperError(
    `Unable to locate resolved artifact ${wanted} in trigger execution ${executionId(execution)}.`,
  );
}

/** `#triggerResolvedArtifact(name)`: the trigger's resolved artifact with that name. */
export const triggerResolvedArtifactHelper = defineHelper({
  name: 'triggerResolvedArtifact',
  description: 'Looks up the an artifact in current execution trigger given its name',
  minArgs: 1,
  maxArgs: 1,
  call: ([name], call) => resolvedArtifactBy(call, 'triggerResolvedArtifact', 'name', name),
});
