import { ExpressionError } from '../errors.js';
import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** `#fromBase64(s)`: decodes base64 to UTF-8 text; malformed input is an error (Java's decoder is strict). */
export const fromBase64Helper = defineHelper({
  name: 'fromBase64',
  description: 'Decodes a value from base64',
  minArgs: 1,
  maxArgs: 1,
  call([value]) {
    const text = stringArg(value, 'fromBase64');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/.test(text)) {
      throw new ExpressionError('HELPER', 'IllegalArgumentException: Illegal base64 character');
    }
    return Buffer.from(text, 'base64').toString('utf8');
  },
});
