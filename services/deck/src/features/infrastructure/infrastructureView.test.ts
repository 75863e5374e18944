import { describe, expect, it } from 'vitest';
import { ServerGroupSchema, type ServerGroup } from '../../api/infrastructure.js';
import { groupServerGroups, healthOf, replicaCounts, versionOf } from './infrastructureView.js';

const sg = (fields: Record<string, unknown>): ServerGroup =>
  ServerGroupSchema.parse({ account: 'k8s', namespace: 'default', ...fields });

describe('infrastructure view', () => {
  it('groups by account, namespace and cluster, newest server group first', () => {
    const groups = groupServerGroups([
      sg({ name: 'replicaSet web-v001', moniker: { cluster: 'deployment web', sequence: 1 } }),
      sg({ name: 'replicaSet web-v002', moniker: { cluster: 'deployment web', sequence: 2 } }),
      sg({ name: 'replicaSet api-v000', moniker: { cluster: 'deployment api', sequence: 0 } }),
      sg({ name: 'statefulSet db', account: 'a-first', namespace: 'data', cluster: 'statefulSet db' }),
    ]);
    expect(
      groups.map((a) => [
        a.account,
        a.namespaces.map((n) => [
          n.namespace,
          n.clusters.map((c) => [c.cluster, c.serverGroups.map((s) => s.name)]),
        ]),
      ]),
    ).toEqual([
      ['a-first', [['data', [['statefulSet db', ['statefulSet db']]]]]],
      [
        'k8s',
        [
          [
            'default',
            [
              ['deployment api', ['replicaSet api-v000']],
              ['deployment web', ['replicaSet web-v002', 'replicaSet web-v001']],
            ],
          ],
        ],
      ],
    ]);
  });

  it('counts ready replicas from healthy pods and reads versions', () => {
    const group = sg({
      name: 'replicaSet web-v003',
      displayName: 'web-v003',
      capacity: { desired: 3 },
      instances: [
        { name: 'a', healthState: 'Up' },
        { name: 'b', health: [{ state: 'Up' }, { state: 'Down' }] },
        { name: 'c', health: [{ state: 'Up' }] },
      ],
    });
    expect(replicaCounts(group)).toEqual({ ready: 2, desired: 3 });
    expect(group.instances.map(healthOf)).toEqual(['Up', 'Down', 'Up']);
    expect(versionOf(group)).toBe('v003');
    expect(versionOf(sg({ name: 'replicaSet x', moniker: { sequence: 12 } }))).toBe('v012');
    expect(versionOf(sg({ name: 'statefulSet db' }))).toBe('—');
  });
});
