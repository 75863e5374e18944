import { parseAllDocuments } from 'yaml';
import { ExpressionError } from '../errors.js';
import { defineHelper } from './define-helper.js';
import { stringArg } from './support.js';

/** Parses YAML safely: plain data only (no custom tags), aliases capped against "billion laughs". */
export function parseYamlDocuments(text: string, helper: string): unknown[] {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc) => {
    if (doc.errors.length > 0) {
      throw new ExpressionError('HELPER', `#${helper} could not parse the YAML: ${doc.errors[0]!.message}`);
    }
    try {
      return doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (err) {
      throw new ExpressionError('HELPER', `#${helper} could not parse the YAML: ${(err as Error).message}`);
    }
  });
}

/** `#readYaml(text)`: the first YAML document as data. */
export const readYamlHelper = defineHelper({
  name: 'readYaml',
  description: 'Converts a YAML String into a Map or a List',
  minArgs: 1,
  maxArgs: 1,
  call([text], call) {
    const source = stringArg(text, 'readYaml');
    call.budget.string(source.length);
    return parseYamlDocuments(source, 'readYaml')[0] ?? null;
  },
});
