import { describe, expect, it } from 'vitest';
import { preconditionsFromText } from './checkPreconditions/index.js';
import { manifestsFromYaml } from './deployManifest/index.js';
import { stageEditorFor, stageEditors } from './index.js';

describe('stage editors', () => {
  it('registers each type once, with defaults that name the stage', () => {
    expect(stageEditors.map((e) => e.type)).toEqual([
      'wait',
      'manualJudgment',
      'deployManifest',
      'pipeline',
      'webhook',
      'checkPreconditions',
      'evaluateVariables',
      'jenkins',
    ]);
    for (const editor of stageEditors) expect(editor.defaults().name).toBe(editor.label);
    expect(stageEditorFor('bake')).toBeUndefined();
  });

  it('validates fields per type', () => {
    const validate = (type: string, fields: Record<string, unknown>) =>
      stageEditorFor(type)?.validate?.({ type, ...fields }) ?? {};
    expect(validate('wait', { waitTime: 30 })).toEqual({});
    expect(validate('wait', { waitTime: '${trigger.parameters.delay}' })).toEqual({});
    expect(validate('wait', {})).toHaveProperty('waitTime');
    expect(validate('jenkins', { master: 'ci', job: 'build' })).toEqual({});
    expect(validate('jenkins', { master: ' ' })).toEqual({
      master: 'Choose a Jenkins master.',
      job: 'Choose a job.',
    });
    expect(validate('deployManifest', { account: 'k8s', manifests: [{ kind: 'Deployment' }] })).toEqual({});
    expect(validate('deployManifest', { manifestText: 'kind: [' })).toEqual({
      account: 'Account is required.',
      manifests: expect.stringMatching(/^Manifest YAML: /),
    });
    expect(validate('webhook', { url: 'ftp://x' })).toHaveProperty('url');
    expect(validate('webhook', { url: 'https://hooks.example.com', payloadText: '{' })).toEqual({
      payload: 'Payload must be valid JSON.',
    });
    expect(validate('pipeline', { application: 'a' })).toEqual({ pipeline: 'Pipeline (id) is required.' });
  });

  it('reads manifest YAML documents and precondition lines', () => {
    expect(manifestsFromYaml('kind: Service\n---\n---\nkind: Deployment\nspec: {replicas: 2}\n')).toEqual([
      { kind: 'Service' },
      { kind: 'Deployment', spec: { replicas: 2 } },
    ]);
    expect(() => manifestsFromYaml('- a\n- b\n')).toThrow(/mapping/);
    expect(preconditionsFromText('${a == 1} | a must be 1\n\n${b}')).toEqual([
      {
        type: 'expression',
        failPipeline: true,
        context: { expression: '${a == 1}', failureMessage: 'a must be 1' },
      },
      { type: 'expression', failPipeline: true, context: { expression: '${b}' } },
    ]);
  });
});
