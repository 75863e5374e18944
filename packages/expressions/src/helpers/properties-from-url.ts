import { parseProperties } from '../url/properties.js';
import { defineHelper } from './define-helper.js';
import { fetchText } from './from-url.js';

/** `#propertiesFromUrl(url)`: fetch, then parse Java `.properties` text into a map. */
export const propertiesFromUrlHelper = defineHelper({
  name: 'propertiesFromUrl',
  description: 'Retrieves the contents of the properties file at the given URL and converts it into a Map',
  minArgs: 1,
  maxArgs: 1,
  call: ([url], call) => parseProperties(fetchText(call, 'propertiesFromUrl', url)),
});
