import { defineHelper } from './define-helper.js';

/**
 * `#doNotEval(value)`: marks a value as not to be evaluated again. One templating pass never
 * re-evaluates its own results, so here it returns the value unchanged; re-evaluation on read is
 * the engine's concern.
 */
export const doNotEvalHelper = defineHelper({
  name: 'doNotEval',
  description: 'Marks a value as one that must not be evaluated again',
  minArgs: 1,
  maxArgs: 1,
  call: ([value]) => value,
});
