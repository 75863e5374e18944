import { defineHelper } from './define-helper.js';
import { fetchText } from './from-url.js';
import { parseJsonText } from './read-json.js';

/** `#jsonFromUrl(url)`: fetch, then parse as JSON. */
export const jsonFromUrlHelper = defineHelper({
  name: 'jsonFromUrl',
  description: 'Retrieves the contents of the given URL and converts it into either a Map or a List',
  minArgs: 1,
  maxArgs: 1,
  call: ([url], call) => parseJsonText(fetchText(call, 'jsonFromUrl', url), 'jsonFromUrl'),
});
