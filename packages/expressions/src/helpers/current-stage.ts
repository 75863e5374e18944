import { defineHelper } from './define-helper.js';
import { executionOf, helperError, stagesOf } from './support.js';

/** `#currentStage()`: the stage being evaluated (`ctx.currentStageId`). */
export const currentStageHelper = defineHelper({
  name: 'currentStage',
  description: 'Returns the current stage object',
  minArgs: 0,
  maxArgs: 0,
  call(_args, call) {
    const id = call.ctx.currentStageId;
    if (!id) throw helperError('An execution context is required for this function');
    const stage = stagesOf(executionOf(call, 'currentStage')).find(
      (s) => typeof s.id === 'string' && s.id.toLowerCase() === id.toLowerCase(),
    );
    if (!stage) throw helperError(`No stage found with id '${id}'`);
    return stage;
  },
});
