import { describe, expect, it } from 'vitest';
import { createHelperRegistry, helperDefinitions, helperRegistry } from './index.js';
import { toIntHelper } from './to-int.js';

describe('the helper registry', () => {
  it('registers every helper by name and alias', () => {
    for (const name of [
      'stage',
      'stageByRefId',
      'stageExists',
      'judgment',
      'judgement',
      'toJson',
      'readJson',
      'fromJson',
      'readYaml',
      'fromUrl',
      'jsonFromUrl',
      'yamlFromUrl',
      'propertiesFromUrl',
      'currentStage',
      'pipelineId',
      'deployedServerGroups',
      'manifestLabelValue',
      'triggerResolvedArtifact',
    ]) {
      expect(helperRegistry.has(name), name).toBe(true);
    }
    expect(helperRegistry.size).toBeGreaterThanOrEqual(helperDefinitions.length);
  });

  it('refuses a duplicate name', () => {
    expect(() => createHelperRegistry([toIntHelper, toIntHelper])).toThrow(
      /Duplicate expression helper #toInt/,
    );
  });

  it('never resolves a prototype name', () => {
    expect(helperRegistry.get('constructor')).toBeUndefined();
    expect(helperRegistry.get('__proto__')).toBeUndefined();
  });
});
