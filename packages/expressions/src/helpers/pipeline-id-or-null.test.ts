import { describe, expect, it } from 'vitest';
import { helperRegistry } from './index.js';

// Behaviour is covered with #pipelineId in pipeline-id.test.ts (they share one lookup).
describe('pipeline-id-or-null', () => {
  it('is in the registry', () => {
    expect(helperRegistry.has('pipelineIdOrNull')).toBe(true);
  });
});
