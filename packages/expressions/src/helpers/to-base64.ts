import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#toBase64(s)`: the base64 of the UTF-8 bytes of `s`. */
export const toBase64Helper = defineHelper({
  name: 'toBase64',
  description: 'Encodes a value to base64',
  minArgs: 1,
  maxArgs: 1,
  call([value], call) {
    const out = Buffer.from(stringArg(value, 'toBase64'), 'utf8').toString('base64');
    call.budget.string(out.length);
    return out;
  },
});
