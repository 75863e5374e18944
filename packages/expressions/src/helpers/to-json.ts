import { ExpressionError } from '../errors.js';
import { defineHelper } from './define-helper.js';

/** `#toJson(value)`: JSON text; fails when the text contains `${` (it would be evaluated again). */
export const toJsonHelper = defineHelper({
  name: 'toJson',
  description: 'Converts an object to a JSON string',
  minArgs: 1,
  maxArgs: 1,
  call([value], call) {
    const text = JSON.stringify(value) ?? 'null';
    call.budget.string(text.length);
    if (text.includes('${'))
      throw new ExpressionError('HELPER', 'result for toJson cannot contain an expression');
    return text;
  },
});
