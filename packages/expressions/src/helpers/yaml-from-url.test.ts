import { describeUrlHelper } from './url-helper-test-kit.js';
import { yamlFromUrlHelper } from './yaml-from-url.js';

describeUrlHelper(
  yamlFromUrlHelper,
  'yamlFromUrl',
  "#yamlFromUrl('https://cfg.test/a.yaml').spec.replicas",
  3,
);
