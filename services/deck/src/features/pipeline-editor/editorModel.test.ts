import type { Pipeline } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import {
  addStage,
  nextRefId,
  possibleUpstreams,
  refOf,
  removeStage,
  setUpstreams,
  updateStage,
} from './editorModel.js';

const base: Pipeline = { name: 'p', application: 'a', stages: [] };

describe('pipeline editor model', () => {
  it('adds stages with max+1 refIds, after the selected stage, making parallel branches', () => {
    const first = addStage(base, 'wait', { name: 'Wait', waitTime: 30 });
    expect(first.refId).toBe('1');
    let pipeline = first.pipeline;
    ({ pipeline } = addStage(pipeline, 'manualJudgment', { name: 'A' }, '1'));
    ({ pipeline } = addStage(pipeline, 'manualJudgment', { name: 'B' }, '1'));
    expect(pipeline.stages.map((s) => [s.refId, s.requisiteStageRefIds, s.type])).toEqual([
      ['1', [], 'wait'],
      ['2', ['1'], 'manualJudgment'],
      ['3', ['1'], 'manualJudgment'],
    ]);
    expect(pipeline.stages[0]).toMatchObject({ waitTime: 30, name: 'Wait' });
    expect(
      nextRefId([
        { type: 'x', refId: 7 },
        { type: 'y', refId: 'deploy' },
      ]),
    ).toBe('8');
  });

  it('removes a stage and the dependencies on it', () => {
    const pipeline: Pipeline = {
      ...base,
      stages: [
        { type: 'wait', refId: '1' },
        { type: 'wait', refId: '2', requisiteStageRefIds: ['1'] },
        { type: 'wait', refId: '3', requisiteStageRefIds: ['1', '2'] },
      ],
    };
    expect(removeStage(pipeline, '2').stages).toEqual([
      { type: 'wait', refId: '1' },
      { type: 'wait', refId: '3', requisiteStageRefIds: ['1'] },
    ]);
  });

  it('connects stages without allowing cycles, and updates fields', () => {
    const pipeline: Pipeline = {
      ...base,
      stages: [
        { type: 'wait', refId: '1' },
        { type: 'wait', refId: '2', requisiteStageRefIds: ['1'] },
        { type: 'wait', refId: '3', requisiteStageRefIds: ['2'] },
      ],
    };
    expect(possibleUpstreams(pipeline.stages, '1').map(refOf)).toEqual([]);
    expect(possibleUpstreams(pipeline.stages, '3').map(refOf)).toEqual(['1', '2']);
    expect(setUpstreams(pipeline, '1', ['3']).stages[0]?.requisiteStageRefIds).toEqual([]);
    expect(setUpstreams(pipeline, '3', ['1', '2']).stages[2]?.requisiteStageRefIds).toEqual(['1', '2']);
    const updated = updateStage(pipeline, '2', { waitTime: 5, requisiteStageRefIds: undefined });
    expect(updated.stages[1]).toEqual({ type: 'wait', refId: '2', waitTime: 5 });
  });
});
