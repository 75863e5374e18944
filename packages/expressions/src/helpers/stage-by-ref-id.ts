import { defineHelper } from './define-helper.js';
import { executionId, executionOf, helperError, stagesOf, stringArg } from './support.js';

/** `#stageByRefId(refId)`: the stage with that refId. */
export const stageByRefIdHelper = defineHelper({
  name: 'stageByRefId',
  description: 'Locates and returns a stage with the given refId',
  minArgs: 1,
  maxArgs: 1,
  call([refId], call) {
    const execution = executionOf(call, 'stageByRefId');
    if (refId === null) {
      throw helperError(
        `Stage refId must not be null in #stageByRefId in execution ${executionId(execution)}`,
      );
    }
    const wanted = stringArg(refId, 'stageByRefId');
    const stage = stagesOf(execution).find((s) => s.refId === wanted);
    if (!stage) {
      throw helperError(
        `Unable to locate [${wanted}] using #stageByRefId(${wanted}) in execution ${executionId(execution)}`,
      );
    }
    return stage;
  },
});
