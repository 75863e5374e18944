import { defineHelper } from './define-helper.js';
import { fetchText } from './from-url.js';
import { parseYamlDocuments } from './read-yaml.js';

/** `#yamlFromUrl(url)`: fetch, then parse the first YAML document. */
export const yamlFromUrlHelper = defineHelper({
  name: 'yamlFromUrl',
  description: 'Retrieves the contents of the given URL and converts it into a Map',
  minArgs: 1,
  maxArgs: 1,
  call: ([url], call) => parseYamlDocuments(fetchText(call, 'yamlFromUrl', url), 'yamlFromUrl')[0] ?? null,
});
