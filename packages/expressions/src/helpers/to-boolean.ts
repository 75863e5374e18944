import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#toBoolean(s)`: `Boolean.valueOf(s)` — true only for "true" in any case; null is false. */
export const toBooleanHelper = defineHelper({
  name: 'toBoolean',
  description: 'Converts a value to a boolean',
  minArgs: 1,
  maxArgs: 1,
  call: ([value]) => value !== null && stringArg(value, 'toBoolean').toLowerCase() === 'true',
});
