import { ExpressionError } from '../errors.js';
import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** Parses JSON text into plain data, with the budget paying for its size. */
export function parseJsonText(text: string, helper: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ExpressionError(
      'HELPER',
      `#${helper} could not parse the JSON: ${(err as Error).message}`,
      undefined,
      {
        cause: err,
      },
    );
  }
}

/** `#readJson(text)` (alias `#fromJson`): JSON text to a map, or a list when it starts with `[`. */
export const readJsonHelper = defineHelper({
  name: 'readJson',
  aliases: ['fromJson'],
  description: 'Converts a JSON String into a Map or a List',
  minArgs: 1,
  maxArgs: 1,
  call([text], call) {
    const source = stringArg(text, 'readJson');
    call.budget.string(source.length);
    return parseJsonText(source, 'readJson');
  },
});
