import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startHarness, waitFor, type Harness } from './__fixtures__/harness.js';
import { RedisTaskRepository } from './adapters/redis-task-repository.js';
import { newTask, type KatoTask } from './domain/task.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('operation tasks', () => {
  it('any replica answers GET /task/{id} in Spinnaker task shape', async () => {
    const other = await h.spawn();
    const res = await h.clouddriver.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [
        {
          deployManifest: {
            account: 'local',
            moniker: { app: 'tasks' },
            manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'task-cm' }, data: {} }],
          },
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const { id, resourceUri } = res.json() as { id: string; resourceUri: string };
    expect(resourceUri).toBe(`/task/${id}`);
    const task = await waitFor(async () => {
      const t = (await other.app.inject({ url: `/task/${id}` })).json() as KatoTask;
      return t.status.completed ? t : undefined;
    });
    expect(task).toMatchObject({
      id,
      status: { completed: true, failed: false, complete: true },
      ownerId: h.clouddriver.runner.ownerId,
      sagaIds: [],
    });
    expect(task.history[0]).toEqual({ phase: 'ORCHESTRATION', status: 'Initializing Orchestration Task' });
    expect(task.history.at(-1)).toEqual({ phase: 'ORCHESTRATION', status: 'Orchestration completed.' });
    expect(task.resultObjects[0]).toMatchObject({
      manifestNamesByNamespace: { default: ['configMap task-cm-v000'] },
    });
    expect((await other.app.inject({ url: '/task/does-not-exist' })).statusCode).toBe(404);
  });

  it('a task left running by a crashed replica is marked failed with a clear message after restart', async () => {
    const repo = new RedisTaskRepository(h.client, 3600, 200);
    const orphan = newTask('orphan-1', 'clouddriver-dead', ['deployManifest'], 'anonymous', Date.now());
    await repo.create(orphan); // its lease (200 ms) is never renewed: the owner "crashed"
    await new Promise((r) => setTimeout(r, 300));
    const restarted = await h.spawn({ CLOUDDRIVER_TASK_LEASE_MS: '600' });
    const task = await waitFor(async () => {
      const t = (await restarted.app.inject({ url: '/task/orphan-1' })).json() as KatoTask;
      return t.status.completed ? t : undefined;
    });
    expect(task.status.failed).toBe(true);
    expect(failureOf(task)).toContain(
      'clouddriver replica clouddriver-dead stopped while this task was running',
    );
    expect(await repo.running()).not.toContain('orphan-1');
  });

  it('a running task keeps its lease while its owner lives', async () => {
    const repo = new RedisTaskRepository(h.client, 3600, 600);
    const live = await h.spawn({ CLOUDDRIVER_TASK_LEASE_MS: '600' });
    const res = await live.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [
        {
          deployManifest: {
            account: 'local',
            moniker: { app: 'tasks' },
            manifests: [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                metadata: { name: 'lease-cm', annotations: { 'strategy.spinnaker.io/recreate': 'true' } },
                data: {},
              },
            ],
          },
        },
      ],
    });
    const { id } = res.json() as { id: string };
    const done = await waitFor(async () => {
      const t = await repo.get(id);
      return t?.status.completed ? t : undefined;
    });
    expect(done.status.failed).toBe(false);
    expect(await repo.hasLease(id)).toBe(false);
  });
});

describe('accounts', () => {
  it('serves several accounts and keeps each to its namespaces', async () => {
    const kubeconfigFile = h.sandbox.kubeconfigPath!;
    const multi = await h.spawn({
      CLOUDDRIVER_ACCOUNTS: JSON.stringify([
        { name: 'prod', kubeconfigFile },
        { name: 'team-a', kubeconfigFile, namespaces: ['team-a'], permissions: { READ: [], WRITE: [] } },
      ]),
    });
    const creds = (await multi.app.inject({ url: '/credentials' })).json() as { name: string }[];
    expect(creds.map((c) => c.name)).toEqual(['prod', 'team-a']);
    const res = await multi.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [
        {
          deployManifest: {
            account: 'team-a',
            moniker: { app: 'x' },
            manifests: [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                metadata: { name: 'ns-cm', namespace: 'default' },
                data: {},
              },
            ],
          },
        },
      ],
    });
    const { id } = res.json() as { id: string };
    const task = await waitFor(async () => {
      const t = (await multi.app.inject({ url: `/task/${id}` })).json() as KatoTask;
      return t.status.completed ? t : undefined;
    });
    expect(failureOf(task)).toBe('Account team-a is not configured to manage namespace "default"');
  });

  it('refuses writes to an account with WRITE permissions from an unsigned caller', async () => {
    const guarded = await h.spawn({
      CLOUDDRIVER_ACCOUNTS: JSON.stringify([
        { name: 'guarded', kubeconfigFile: h.sandbox.kubeconfigPath!, permissions: { WRITE: ['ops-team'] } },
      ]),
    });
    const res = await guarded.app.inject({
      method: 'POST',
      url: '/kubernetes/ops',
      payload: [
        {
          scaleManifest: {
            account: 'guarded',
            manifestName: 'deployment x',
            location: 'default',
            replicas: 1,
          },
        },
      ],
    });
    expect(res.statusCode).toBe(403);
  });
});
