import { describeUrlHelper } from './url-helper-test-kit.js';
import { propertiesFromUrlHelper } from './properties-from-url.js';

describeUrlHelper(
  propertiesFromUrlHelper,
  'propertiesFromUrl',
  "#propertiesFromUrl('https://cfg.test/a.properties')['app.version']",
  '1.4.0',
);
