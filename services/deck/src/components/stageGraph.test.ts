import { describe, expect, it } from 'vitest';
import { layoutStages } from './stageGraph.js';

const names = (columns: { name: string }[][]) => columns.map((c) => c.map((s) => s.name));

describe('layoutStages', () => {
  it('puts parallel branches in one column and a join after the deepest branch', () => {
    const layout = layoutStages([
      { name: 'bake', refId: '1' },
      { name: 'deploy-a', refId: '2', requisiteStageRefIds: ['1'] },
      { name: 'deploy-b', refId: '3', requisiteStageRefIds: ['1'] },
      { name: 'verify-b', refId: '4', requisiteStageRefIds: ['3'] },
      { name: 'promote', refId: 5, requisiteStageRefIds: ['2', 4] },
    ]);
    expect(names(layout.columns)).toEqual([['bake'], ['deploy-a', 'deploy-b'], ['verify-b'], ['promote']]);
    expect(layout.edges).toEqual([
      ['1', '2'],
      ['1', '3'],
      ['3', '4'],
      ['2', '5'],
      ['4', '5'],
    ]);
    expect(layout.cyclic).toEqual([]);
  });

  it('treats unknown upstream refs as absent and keeps a cycle visible in column 0', () => {
    const layout = layoutStages([
      { name: 'orphan', refId: 'a', requisiteStageRefIds: ['missing'] },
      { name: 'x', refId: 'x', requisiteStageRefIds: ['y'] },
      { name: 'y', refId: 'y', requisiteStageRefIds: ['x'] },
      { name: 'no-ref' },
    ]);
    expect(layout.columns[0]?.map((s) => s.name)).toEqual(
      expect.arrayContaining(['orphan', 'x', 'y', 'no-ref']),
    );
    expect(layout.cyclic.sort()).toEqual(['x', 'y']);
    expect(layout.edges).toEqual([
      ['y', 'x'],
      ['x', 'y'],
    ]);
  });
});
