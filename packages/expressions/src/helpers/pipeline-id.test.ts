import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../evaluate.js';
import { sampleContext } from '../test-fixtures.js';
import { pipelineIdHelper } from './pipeline-id.js';
import { pipelineIdInApplicationHelper } from './pipeline-id-in-application.js';
import { pipelineIdOrNullHelper } from './pipeline-id-or-null.js';

const pipelines: Record<string, string> = { 'demo/deploy': 'p-1', 'other/release': 'p-2' };

function ctx(calls: string[]) {
  return {
    ...sampleContext(),
    services: {
      pipelineId: async (app: string, name: string): Promise<string | null> => {
        calls.push(`${app}/${name}`);
        return pipelines[`${app}/${name}`] ?? null;
      },
    },
  };
}

describe('#pipelineId, #pipelineIdOrNull, #pipelineIdInApplication', () => {
  it('are registered under their names', () => {
    expect([pipelineIdHelper.name, pipelineIdOrNullHelper.name, pipelineIdInApplicationHelper.name]).toEqual([
      'pipelineId',
      'pipelineIdOrNull',
      'pipelineIdInApplication',
    ]);
  });

  it('look a pipeline up in the execution application, or another one', async () => {
    const calls: string[] = [];
    expect(await evaluateExpression("#pipelineId('deploy')", ctx(calls))).toBe('p-1');
    expect(await evaluateExpression("#pipelineIdInApplication('release', 'other')", ctx(calls))).toBe('p-2');
    expect(await evaluateExpression("#pipelineIdOrNull('nope')", ctx(calls))).toBeNull();
    expect(calls).toEqual(['demo/deploy', 'other/release', 'demo/nope']);
  });

  it('fail clearly when the pipeline does not exist', async () => {
    await expect(evaluateExpression("#pipelineId('nope')", ctx([]))).rejects.toThrow(
      /Pipeline with name 'nope' could not be found/,
    );
    await expect(evaluateExpression("#pipelineIdInApplication('x', 'other')", ctx([]))).rejects.toThrow(
      /could not be found/,
    );
  });
});
