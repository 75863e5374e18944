import { describeUrlHelper } from './url-helper-test-kit.js';
import { jsonFromUrlHelper } from './json-from-url.js';

describeUrlHelper(jsonFromUrlHelper, 'jsonFromUrl', "#jsonFromUrl('https://cfg.test/a.json').items[1]", 'b');
