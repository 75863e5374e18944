import { defineHelper } from './define-helper.js';
import { executionOf, stagesOf, stringArg } from './support.js';

/** `#stageExists(nameOrId)`: whether a stage with that name or id exists. */
export const stageExistsHelper = defineHelper({
  name: 'stageExists',
  description: 'Checks if the stage with the specified name exists in the current execution',
  minArgs: 1,
  maxArgs: 1,
  call([id], call) {
    if (id === null) return false;
    const wanted = stringArg(id, 'stageExists');
    return stagesOf(executionOf(call, 'stageExists')).some((s) => s.name === wanted || s.id === wanted);
  },
});
