import { describe, expect, it } from 'vitest';
import { schemaFor } from '../schema/kinds.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { strategicMerge } from './strategic-merge.js';

const deploy = schemaFor('apps', 'Deployment');
const live = {
  spec: {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: {
      spec: {
        containers: [
          { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
          { name: 'b', image: 'b:1' },
        ],
      },
    },
  },
};

describe('patches', () => {
  it('strategic merge merges containers by name and honours $setElementOrder and $patch: delete', () => {
    const out = strategicMerge(
      live,
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
              containers: [{ name: 'a', image: 'a:2' }],
            },
          },
        },
      },
      deploy,
    );
    expect(
      out.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
    ).toEqual(['b=b:1', 'a=a:2']);
    expect(out.spec.template.spec.containers[1].env).toEqual([{ name: 'X', value: '1' }]);
    const del = strategicMerge(
      live,
      { spec: { template: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } } } },
      deploy,
    );
    expect(del.spec.template.spec.containers).toHaveLength(1);
  });

  it('strategic merge $retainKeys drops keys not listed (RollingUpdate → Recreate)', () => {
    const out = strategicMerge(
      live,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
      deploy,
    );
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('merge patch replaces lists and deletes nulls', () => {
    expect(applyMergePatch({ a: [1, 2], b: 1, c: { d: 1 } }, { a: [3], b: null, c: { e: 2 } })).toEqual({
      a: [3],
      c: { d: 1, e: 2 },
    });
  });

  it('JSON patch applies add/replace/remove/test and fails on a missing path', () => {
    const out = applyJsonPatch({ a: { b: 1 }, l: [1] }, [
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'add', path: '/l/-', value: 2 },
      { op: 'test', path: '/a/b', value: 2 },
      { op: 'remove', path: '/l/0' },
    ]);
    expect(out).toEqual({ a: { b: 2 }, l: [2] });
    expect(() => applyJsonPatch({}, [{ op: 'remove', path: '/x' }])).toThrow(/nonexistent/);
  });
});
