import { describe, expect, it } from 'vitest';
import { diffLines, pipelineText } from './diff.js';

describe('diffLines', () => {
  it('marks removed and added lines around the common ones', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });

  it('renders pipelines with sorted keys and without save metadata', () => {
    expect(
      pipelineText({ stages: [{ type: 'wait', name: 'w' }], name: 'p', updateTs: '5', lastModifiedBy: 'x' }),
    ).toBe(
      '{\n  "name": "p",\n  "stages": [\n    {\n      "name": "w",\n      "type": "wait"\n    }\n  ]\n}',
    );
  });
});
