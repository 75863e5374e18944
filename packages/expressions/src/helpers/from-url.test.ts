import { describeUrlHelper } from './url-helper-test-kit.js';
import { fromUrlHelper } from './from-url.js';

describeUrlHelper(fromUrlHelper, 'fromUrl', "#fromUrl('https://cfg.test/a.txt')", 'hello text');
