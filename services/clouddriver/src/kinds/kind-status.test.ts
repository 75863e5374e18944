import { describe, expect, it } from 'vitest';
import { handlerFor, type KubeObject } from './index.js';

const gen = (generation: number, observed: number) => ({
  metadata: { generation },
  status: { observedGeneration: observed },
});

// [kind, object, expected {stable, paused?, failed?, message?}]
const cases: [
  string,
  string,
  KubeObject,
  { stable: boolean; paused?: boolean; failed?: boolean; message?: string },
][] = [
  [
    'Deployment',
    'no status',
    { spec: { replicas: 1 } },
    { stable: false, message: 'No status reported yet' },
  ],
  [
    'Deployment',
    'generation pending',
    { ...gen(2, 1), spec: { replicas: 1 } },
    { stable: false, message: 'Waiting for status generation to match updated object generation' },
  ],
  [
    'Deployment',
    'updating',
    {
      ...gen(1, 1),
      spec: { replicas: 2 },
      status: { observedGeneration: 1, updatedReplicas: 1, replicas: 2 },
    },
    { stable: false, message: 'Waiting for all replicas to be updated' },
  ],
  [
    'Deployment',
    'old replicas',
    { spec: { replicas: 2 }, status: { updatedReplicas: 2, replicas: 3 } },
    { stable: false, message: 'Waiting for old replicas to finish termination' },
  ],
  [
    'Deployment',
    'ready',
    {
      spec: { replicas: 2 },
      status: { updatedReplicas: 2, replicas: 2, availableReplicas: 2, readyReplicas: 2 },
    },
    { stable: true },
  ],
  [
    'Deployment',
    'paused',
    { spec: { replicas: 1, paused: true }, status: { replicas: 1 } },
    { stable: true, paused: true },
  ],
  [
    'Deployment',
    'deadline',
    {
      spec: { replicas: 1 },
      status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] },
    },
    { stable: false, failed: true, message: 'Deployment exceeded its progress deadline' },
  ],
  [
    'ReplicaSet',
    'not ready',
    { spec: { replicas: 2 }, status: { fullyLabeledReplicas: 2, readyReplicas: 1 } },
    { stable: false, message: 'Waiting for all replicas to be ready' },
  ],
  [
    'ReplicaSet',
    'ready',
    { spec: { replicas: 2 }, status: { fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2 } },
    { stable: true },
  ],
  ['ReplicaSet', 'scaled to zero', { spec: { replicas: 0 }, status: { replicas: 0 } }, { stable: true }],
  ['StatefulSet', 'OnDelete', { spec: { updateStrategy: { type: 'OnDelete' } } }, { stable: true }],
  [
    'StatefulSet',
    'partitioned',
    {
      spec: { replicas: 3, updateStrategy: { rollingUpdate: { partition: 2 } } },
      status: { replicas: 3, readyReplicas: 3, updatedReplicas: 1 },
    },
    { stable: true, message: 'Partitioned roll out complete' },
  ],
  [
    'StatefulSet',
    'revision pending',
    {
      spec: { replicas: 1 },
      status: {
        replicas: 1,
        readyReplicas: 1,
        currentReplicas: 1,
        currentRevision: 'a',
        updateRevision: 'b',
      },
    },
    { stable: false },
  ],
  [
    'DaemonSet',
    'scheduling',
    { spec: {}, status: { desiredNumberScheduled: 3, currentNumberScheduled: 2 } },
    { stable: false, message: 'Waiting for all replicas to be scheduled' },
  ],
  [
    'DaemonSet',
    'done',
    {
      spec: {},
      status: {
        desiredNumberScheduled: 1,
        currentNumberScheduled: 1,
        updatedNumberScheduled: 1,
        numberAvailable: 1,
        numberReady: 1,
      },
    },
    { stable: true },
  ],
  [
    'Job',
    'running',
    { spec: {}, status: { active: 1 } },
    { stable: false, message: 'Waiting for jobs to finish' },
  ],
  ['Job', 'succeeded', { spec: { completions: 2 }, status: { succeeded: 2 } }, { stable: true }],
  [
    'Job',
    'failed',
    {
      spec: {},
      status: {
        conditions: [
          { type: 'Failed', status: 'True', message: 'Job has reached the specified backoff limit' },
        ],
      },
    },
    { stable: false, failed: true, message: 'Job has reached the specified backoff limit' },
  ],
  ['Pod', 'pending', { status: { phase: 'Pending' } }, { stable: false, message: 'Pod is Pending' }],
  ['Pod', 'running', { status: { phase: 'Running' } }, { stable: true }],
  [
    'Pod',
    'crash loop',
    {
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'c', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } },
        ],
      },
    },
    { stable: false, failed: true, message: 'container c: CrashLoopBackOff (back-off)' },
  ],
  ['Service', 'always', { spec: {} }, { stable: true }],
  ['Certificate', 'unknown kind', { spec: {} }, { stable: true }],
];

describe('manifest status per kind (engine.md §6.5)', () => {
  it.each(cases)('%s: %s', (kind, _name, object, expected) => {
    const status = handlerFor(kind).status({ kind, ...object });
    expect(status.stable.state).toBe(expected.stable);
    expect(status.paused.state).toBe(expected.paused ?? false);
    expect(status.failed.state).toBe(expected.failed ?? false);
    if (expected.message)
      expect(
        expected.stable
          ? status.stable.message
          : status.failed.state
            ? status.failed.message
            : status.stable.message,
      ).toBe(expected.message);
  });

  it('knows Spinnaker kind names, versioning and deploy priorities', () => {
    expect(handlerFor('replicaSet')).toMatchObject({
      kind: 'ReplicaSet',
      versioned: true,
      deployPriority: 100,
    });
    expect(handlerFor('deployment').versioned).toBe(false);
    expect(handlerFor('configmap')).toMatchObject({
      spinnakerKind: 'configMap',
      versioned: true,
      deployPriority: 50,
    });
    expect(handlerFor('Namespace')).toMatchObject({ deployPriority: 0, namespaced: false });
    expect(handlerFor('Widget')).toMatchObject({
      spinnakerKind: 'widget',
      deployPriority: 1000,
      versioned: false,
    });
  });
});
