import { parseJavaInteger } from '../java-types.js';
import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#toInt(s)`: `Integer.valueOf(s)`; a non-integer is a NumberFormatException. */
export const toIntHelper = defineHelper({
  name: 'toInt',
  description: 'Converts a value to an integer',
  minArgs: 1,
  maxArgs: 1,
  call: ([value]) => parseJavaInteger(stringArg(value, 'toInt')),
});
