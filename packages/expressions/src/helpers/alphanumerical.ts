import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#alphanumerical(s)`: `s` with every character outside `[A-Za-z0-9]` removed. */
export const alphanumericalHelper = defineHelper({
  name: 'alphanumerical',
  description: 'Removes all non-alphanumeric characters from a string',
  minArgs: 1,
  maxArgs: 1,
  call: ([value]) => stringArg(value, 'alphanumerical').replace(/[^A-Za-z0-9]/g, ''),
});
