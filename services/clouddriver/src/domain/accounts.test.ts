import { describe, expect, it } from 'vitest';
import {
  credentialsView,
  defaultAccounts,
  isAuthorized,
  isKindAllowed,
  isNamespaceAllowed,
} from './accounts.js';
import { completed, failed, newTask, withProgress } from './task.js';
import { ownedReplicaSets, templateToRestore, undoTarget } from './rollout.js';
import { pickByCriteria } from './clusters.js';

describe('accounts', () => {
  it('applies namespace and kind lists and permissions', () => {
    const [account] = defaultAccounts(undefined);
    const scoped = {
      ...account!,
      namespaces: ['team'],
      omitKinds: ['secret'],
      permissions: { READ: [], WRITE: ['ops'] },
    };
    expect(isNamespaceAllowed(scoped, 'team')).toBe(true);
    expect(isNamespaceAllowed(scoped, 'default')).toBe(false);
    expect(isKindAllowed(scoped, 'Secret')).toBe(false);
    expect(isKindAllowed(scoped, 'configMap')).toBe(true);
    expect(isAuthorized(scoped, 'WRITE', ['dev'])).toBe(false);
    expect(isAuthorized(scoped, 'WRITE', ['ops'])).toBe(true);
    expect(isAuthorized(scoped, 'READ', [])).toBe(true);
    expect(credentialsView(scoped, false)).toEqual(
      expect.objectContaining({
        name: 'local',
        type: 'kubernetes',
        permissions: { READ: [], WRITE: ['ops'] },
      }),
    );
    expect(credentialsView(scoped, false)).not.toHaveProperty('namespaces');
    expect(credentialsView(scoped, true)).toHaveProperty('namespaces', ['team']);
  });
});

describe('tasks', () => {
  it('records history and ends completed or failed in Spinnaker shape', () => {
    const t = withProgress(newTask('1', 'me', ['scaleManifest'], 'u', 5), 'SCALE', 'Scaling');
    expect(t.history.map((h) => h.status)).toEqual(['Initializing Orchestration Task', 'Scaling']);
    expect(completed(t, [{ a: 1 }], 9)).toMatchObject({
      status: { completed: true, failed: false },
      resultObjects: [{ a: 1 }],
      endTimeMs: 9,
    });
    const f = failed(t, 'scaleManifest', 'boom', 'KubeApiError', 9);
    expect(f.status).toMatchObject({ completed: true, failed: true, retryable: false });
    expect(f.resultObjects).toEqual([
      { type: 'EXCEPTION', operation: 'scaleManifest', cause: 'KubeApiError', message: 'boom' },
    ]);
  });
});

describe('rollout and dynamic targets', () => {
  const rs = (name: string, revision: number, created: string, replicas = 1) => ({
    metadata: {
      name,
      creationTimestamp: created,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ kind: 'Deployment', name: 'd', uid: 'u1' }],
    },
    spec: { replicas, template: { metadata: { labels: { app: 'd', 'pod-template-hash': 'abc' } } } },
  });
  const owned = ownedReplicaSets({ metadata: { uid: 'u1' } }, [
    rs('d-1', 1, '2024-01-01T00:00:00Z', 3),
    rs('d-3', 3, '2024-01-03T00:00:00Z'),
    rs('d-2', 2, '2024-01-02T00:00:00Z', 0),
  ]);

  it('picks the revision kubectl rollout undo would', () => {
    expect(owned.map((o) => o.metadata!.name)).toEqual(['d-3', 'd-2', 'd-1']);
    expect(undoTarget(owned, { numRevisionsBack: 1 }).metadata!.name).toBe('d-2');
    expect(undoTarget(owned, { revision: 1 }).metadata!.name).toBe('d-1');
    expect(() => undoTarget(owned, { numRevisionsBack: 5 })).toThrow(/only 2 older/);
    expect(templateToRestore(owned[0]!)).toEqual({ metadata: { labels: { app: 'd' } } });
  });

  it('resolves oldest, newest, second_newest, largest and smallest', () => {
    expect(pickByCriteria(owned, 'newest')!.metadata!.name).toBe('d-3');
    expect(pickByCriteria(owned, 'second_newest')!.metadata!.name).toBe('d-2');
    expect(pickByCriteria(owned, 'oldest')!.metadata!.name).toBe('d-1');
    expect(pickByCriteria(owned, 'largest')!.metadata!.name).toBe('d-1');
    expect(pickByCriteria(owned, 'smallest')!.metadata!.name).toBe('d-2');
  });
});
