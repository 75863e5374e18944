import { defineHelper } from './define-helper.js';
import { parseYamlDocuments } from './read-yaml.js';
import { stringArg } from './support.js';

/** `#readAllYaml(text)`: every YAML document as a list. */
export const readAllYamlHelper = defineHelper({
  name: 'readAllYaml',
  description: 'Converts a multi-document YAML String into a List of documents',
  minArgs: 1,
  maxArgs: 1,
  call([text], call) {
    const source = stringArg(text, 'readAllYaml');
    call.budget.string(source.length);
    return parseYamlDocuments(source, 'readAllYaml');
  },
});
