import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { PipelineExecutionSchema } from '../model/execution.js';
import { PipelineSchema } from '../model/pipeline.js';
import { EngineMessageSchema } from './queues/orca.js';
import { formatPath, parseOrThrow } from './validation.js';

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).issues;
  }
  throw new Error('expected an InputError');
}

describe('parseOrThrow', () => {
  it('names a stage without `type` by its field path', () => {
    const issues = issuesOf(() =>
      parseOrThrow(
        PipelineSchema,
        { name: 'p', stages: [{ refId: '1', type: 'wait' }, { refId: '2' }] },
        'pipeline',
      ),
    );
    expect(issues).toContainEqual(expect.objectContaining({ path: 'stages[1].type' }));
  });

  it('names fields of the wrong type, all of them', () => {
    const issues = issuesOf(() =>
      parseOrThrow(
        PipelineSchema,
        { stages: 'none', limitConcurrent: 'yes', triggers: [{ type: 'cron', enabled: 3 }] },
        'pipeline',
      ),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['limitConcurrent', 'stages', 'triggers[0].enabled']);
  });

  it('says which document and which field in its message', () => {
    expect(() => parseOrThrow(PipelineSchema, { stages: [{}] }, 'pipeline')).toThrow(
      /^Invalid pipeline: stages\[0\]\.type: /,
    );
  });

  it('keeps unknown fields of open Spinnaker documents', () => {
    const pipeline = parseOrThrow(
      PipelineSchema,
      { stages: [{ type: 'myPluginStage', pluginSetting: { a: [1, 2] } }], x_custom: true },
      'pipeline',
    );
    expect(pipeline).toEqual({
      stages: [{ type: 'myPluginStage', pluginSetting: { a: [1, 2] } }],
      x_custom: true,
    });
  });

  it('rejects an execution with an unknown status', () => {
    const issues = issuesOf(() =>
      parseOrThrow(
        PipelineExecutionSchema,
        { id: 'x', type: 'PIPELINE', application: 'a', status: 'DONE', stages: [] },
        'execution',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['status']);
  });

  it('validates engine messages by kind', () => {
    const ok = EngineMessageSchema.parse({
      kind: 'runTask',
      executionType: 'PIPELINE',
      executionId: '01J',
      application: 'app',
      stageId: 's',
      taskId: '1',
    });
    expect(ok.kind).toBe('runTask');
    const issues = issuesOf(() =>
      parseOrThrow(
        EngineMessageSchema,
        { kind: 'runTask', executionType: 'PIPELINE', executionId: 'e' },
        'message',
      ),
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['application', 'stageId', 'taskId']);
  });
});

describe('formatPath', () => {
  it('renders indexes in brackets and keys with dots', () => {
    expect(formatPath(['stages', 0, 'context', 'manifests', 2, 'kind'])).toBe(
      'stages[0].context.manifests[2].kind',
    );
    expect(formatPath([])).toBe('');
    expect(formatPath([3])).toBe('[3]');
  });
});
