import { defineHelper } from './define-helper.js';
import { executionId, executionOf, helperError, stagesOf, stringArg } from './support.js';

/** `#stage(nameOrId)`: the first stage of the execution whose name or id matches. */
export const stageHelper = defineHelper({
  name: 'stage',
  description: 'Locates a stage by name or id',
  minArgs: 1,
  maxArgs: 1,
  call([id], call) {
    const execution = executionOf(call, 'stage');
    const wanted = id === null ? null : stringArg(id, 'stage');
    const stage = stagesOf(execution).find((s) => wanted !== null && (s.name === wanted || s.id === wanted));
    if (!stage) {
      throw helperError(
        `Unable to locate [${wanted}] using #stage(${wanted}) in execution ${executionId(execution)}`,
      );
    }
    return stage;
  },
});
