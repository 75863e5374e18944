import { isPlainObject } from '../guard.js';
import { defineHelper } from './define-helper.js';
import { executionId, executionOf, helperError, stagesOf, stringArg } from './support.js';

/** `#judgment(stageName)` / `#judgement(...)`: the judgmentInput of that manualJudgment stage. */
export const judgmentHelper = defineHelper({
  name: 'judgment',
  aliases: ['judgement'],
  description: 'Returns the judgement made by the user in the given manual judgement stage',
  minArgs: 1,
  maxArgs: 1,
  call([id], call) {
    const execution = executionOf(call, 'judgment');
    const wanted = id === null ? null : stringArg(id, 'judgment');
    const stage = stagesOf(execution).find(
      (s) =>
        wanted !== null &&
        s.name === wanted &&
        s.type === 'manualJudgment' &&
        isPlainObject(s.context) &&
        s.context.judgmentInput !== null &&
        s.context.judgmentInput !== undefined,
    );
    if (!stage) {
      throw helperError(
        `Unable to locate manual Judgment stage [${wanted}] using #judgment(${wanted}) in execution ${executionId(execution)}. ` +
          `Stage doesn't exist or doesn't contain judgmentInput in its context`,
      );
    }
    return (stage.context as Record<string, unknown>).judgmentInput;
  },
});
