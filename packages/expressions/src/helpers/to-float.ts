import { parseJavaDouble } from '../java-types.js';
import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#toFloat(s)`: `Float.valueOf(s)` (a 32-bit float, as in Spinnaker). */
export const toFloatHelper = defineHelper({
  name: 'toFloat',
  description: 'Converts a value to a floating point number',
  minArgs: 1,
  maxArgs: 1,
  call: ([value]) => Math.fround(parseJavaDouble(stringArg(value, 'toFloat'))),
});
