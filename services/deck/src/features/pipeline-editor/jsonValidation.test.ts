import { describe, expect, it } from 'vitest';
import { formatPath, keepImmutable, parseWithPositions, validatePipelineJson } from './jsonValidation.js';

const doc = (stages: string) => `{
  "name": "deploy",
  "stages": [
${stages}
  ]
}`;

describe('validatePipelineJson', () => {
  it('accepts a valid pipeline', () => {
    const result = validatePipelineJson(doc('    { "type": "wait", "refId": "1", "waitTime": 5 }'));
    expect(result).toEqual({
      ok: true,
      pipeline: { name: 'deploy', stages: [{ type: 'wait', refId: '1', waitTime: 5 }] },
    });
  });

  it('reports a syntax error with its line', () => {
    const result = validatePipelineJson('{\n  "name": "x",\n  "stages": [\n    { "type": "wait", }\n  ]\n}');
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '', message: 'Invalid JSON: expected a string', line: 4 }],
    });
  });

  it('maps schema issues to the field and its line', () => {
    const text = doc(
      '    { "type": "wait", "refId": "1" },\n    {\n      "type": 7,\n      "refId": "2"\n    }',
    );
    const result = validatePipelineJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: 'stages[1].type', line: 6 });
    expect(result.errors[0]?.message).toMatch(/string/);
  });

  it('locates a missing field at its parent', () => {
    const result = validatePipelineJson('{\n  "name": "x",\n  "stages": [\n    { "refId": "1" }\n  ]\n}');
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.line])).toEqual([['stages[0].type', 4]]);
    expect(validatePipelineJson('{"name": "x"}')).toMatchObject({
      ok: false,
      errors: [{ path: 'stages', line: 1 }],
    });
  });

  it('checks refIds are unique and upstream refs exist', () => {
    const text = doc(
      '    { "type": "wait", "refId": "1" },\n    { "type": "wait", "refId": "1" },\n    { "type": "wait", "refId": "3", "requisiteStageRefIds": ["9"] }',
    );
    const result = validatePipelineJson(text);
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.line, e.message])).toEqual([
      ['stages[1].refId', 5, 'refId "1" is already used by stages[0]'],
      ['stages[2].requisiteStageRefIds[0]', 6, 'no stage has refId "9"'],
    ]);
  });
});

describe('helpers', () => {
  it('formats paths and records positions', () => {
    expect(formatPath(['stages', 2, 'context', 'x'])).toBe('stages[2].context.x');
    const { value, positions } = parseWithPositions('{"a": [1, {"b": "c\\n"}]}');
    expect(value).toEqual({ a: [1, { b: 'c\n' }] });
    expect(positions.get('a[1].b')).toBe(11);
  });

  it('keeps id, application, name and index from the original', () => {
    expect(
      keepImmutable(
        { name: 'renamed', stages: [], index: 4, extra: 1 },
        { id: 'p1', name: 'deploy', application: 'a', stages: [] },
      ),
    ).toEqual({ id: 'p1', name: 'deploy', application: 'a', stages: [], extra: 1 });
  });
});
