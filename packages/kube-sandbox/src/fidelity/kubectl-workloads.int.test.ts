import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { eventually, Kubectl } from './kubectl-harness.js';

// kube-sandbox.md §5 checks 28 (StatefulSet) and 29 (DaemonSet) through the real kubectl.
let sandbox: KubeSandbox;
let k: Kubectl;

const statefulSet = (
  name: string,
  image: string,
  strategy: string,
  extra = '',
): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: 3
${strategy}${extra}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: db, image: "${image}"}]
`;
const claims = `  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const daemonSet = (name: string, image: string, extra = ''): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${extra}      containers: [{name: agent, image: "${image}"}]
`;

/**
 * Watch events (type, pod name, ready) for pods with `app=<app>` through kubectl's raw watch,
 * started from the current list resourceVersion so no event is missed while kubectl connects.
 */
async function watchPods(app: string): Promise<{
  events: () => { type: string; name: string; ready: boolean }[];
  stop: () => void;
}> {
  const rv = (await k.json<Loose>(['get', 'pods', '-l', `app=${app}`])).metadata.resourceVersion;
  const s = k.stream([
    'get',
    '--raw',
    `/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3D${app}&resourceVersion=${rv}`,
  ]);
  return {
    events: () =>
      s
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Loose)
        .map((e) => ({
          type: e.type,
          name: e.object.metadata.name,
          ready: !!e.object.status?.conditions?.some((c: Loose) => c.type === 'Ready' && c.status === 'True'),
        })),
    stop: s.stop,
  };
}
const pods = async (app: string): Promise<Loose[]> =>
  (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', `app=${app}`])).items;

beforeAll(async () => {
  sandbox = await startKubeSandbox({
    podReadyDelayMs: 50,
    podDeleteDelayMs: 30,
    nodes: ['sandbox-node', 'sandbox-node-2'],
  });
  k = new Kubectl(sandbox);
});
afterAll(async () => sandbox?.stop());

describe('kubectl against kube-sandbox: StatefulSet and DaemonSet', () => {
  it('28 StatefulSet: ordered pods, rolling update from the highest ordinal, history, undo, scale', async () => {
    const w = await watchPods('db');
    const file = k.file(
      'db.yaml',
      statefulSet('db', 'postgres:16', '  updateStrategy: {type: RollingUpdate}\n', claims),
    );
    expect((await k.run(['apply', '-f', file])).stdout.trim()).toBe('statefulset.apps/db created');
    const first = await k.run(['rollout', 'status', 'statefulset/db', '--timeout=30s']);
    expect(first.code).toBe(0);
    const sts0 = await k.json(['get', 'sts', 'db']);
    const rev1 = (sts0 as Loose).status.currentRevision as string;
    expect(rev1).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(first.stdout.trim().split('\n').at(-1)).toBe(
      `statefulset rolling update complete 3 pods at revision ${rev1}...`,
    );
    expect((sts0 as Loose).status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      updateRevision: rev1,
      availableReplicas: 3,
    });
    // Ordered creation: each ordinal is added only after the previous one reported Ready.
    const ev = await eventually(() => {
      const e = w.events();
      return e.some((x) => x.name === 'db-2' && x.ready) && e;
    });
    const added = ev.filter((e) => e.type === 'ADDED').map((e) => e.name);
    expect(added).toEqual(['db-0', 'db-1', 'db-2']);
    for (const [prev, next] of [
      ['db-0', 'db-1'],
      ['db-1', 'db-2'],
    ] as const) {
      const readyAt = ev.findIndex((e) => e.name === prev && e.ready);
      expect(readyAt).toBeGreaterThanOrEqual(0);
      expect(ev.findIndex((e) => e.name === next && e.type === 'ADDED')).toBeGreaterThan(readyAt);
    }
    const p0 = (await pods('db')).find((p) => p.metadata.name === 'db-0');
    expect(p0.metadata.labels).toMatchObject({
      'controller-revision-hash': rev1,
      'statefulset.kubernetes.io/pod-name': 'db-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(p0.spec).toMatchObject({ hostname: 'db-0', subdomain: 'db' });
    expect(p0.spec.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'data-db-0' },
    });
    const pvcs = (await k.json<{ items: Loose[] }>(['get', 'pvc'])).items;
    expect(pvcs.map((p) => `${p.metadata.name}=${p.status.phase}`).sort()).toEqual([
      'data-db-0=Bound',
      'data-db-1=Bound',
      'data-db-2=Bound',
    ]);

    // Image change: pods replaced from the highest ordinal down; rollout status tracks revisions.
    expect((await k.run(['set', 'image', 'statefulset/db', 'db=postgres:17'])).stdout).toContain(
      'statefulset.apps/db image updated',
    );
    const roll = await k.run(['rollout', 'status', 'statefulset/db', '--timeout=30s']);
    expect(roll.code).toBe(0);
    const sts1 = (await k.json(['get', 'sts', 'db'])) as Loose;
    const rev2 = sts1.status.updateRevision as string;
    expect(rev2).not.toBe(rev1);
    expect(roll.stdout.trim().split('\n').at(-1)).toBe(
      `statefulset rolling update complete 3 pods at revision ${rev2}...`,
    );
    const deleted = w
      .events()
      .filter((e) => e.type === 'DELETED')
      .map((e) => e.name);
    expect(deleted).toEqual(['db-2', 'db-1', 'db-0']);
    expect((await pods('db')).map((p) => p.spec.containers[0].image)).toEqual([
      'postgres:17',
      'postgres:17',
      'postgres:17',
    ]);
    w.stop();

    const revisions = (await k.json<{ items: Loose[] }>(['get', 'controllerrevisions', '-l', 'app=db']))
      .items;
    expect(revisions.map((r) => `${r.metadata.name}:${r.revision}`).sort()).toEqual(
      [`${rev1}:1`, `${rev2}:2`].sort(),
    );
    const history = await k.run(['rollout', 'history', 'statefulset/db']);
    expect(history.stdout).toMatch(/^1\s+<none>$/m);
    expect(history.stdout).toMatch(/^2\s+<none>$/m);
    expect((await k.run(['rollout', 'undo', 'statefulset/db'])).stdout.trim()).toBe(
      'statefulset.apps/db rolled back',
    );
    const undo = await k.run(['rollout', 'status', 'statefulset/db', '--timeout=30s']);
    expect(undo.stdout.trim().split('\n').at(-1)).toBe(
      `statefulset rolling update complete 3 pods at revision ${rev1}...`,
    );
    expect((await pods('db')).map((p) => p.spec.containers[0].image)).toEqual([
      'postgres:16',
      'postgres:16',
      'postgres:16',
    ]);
    const undone = (await k.json(['get', 'controllerrevision', rev1])) as Loose;
    expect(undone.revision).toBe(3);

    expect((await k.run(['scale', 'statefulset/db', '--replicas=1'])).stdout).toContain(
      'statefulset.apps/db scaled',
    );
    await eventually(async () => (await pods('db')).map((p) => p.metadata.name).join() === 'db-0');
    await k.run(['scale', 'statefulset/db', '--replicas=2']);
    expect((await k.run(['rollout', 'status', 'statefulset/db', '--timeout=30s'])).code).toBe(0);
    expect((await pods('db')).map((p) => p.metadata.name)).toEqual(['db-0', 'db-1']);
  });

  it('28 StatefulSet defaults: partition 0 (partitioned message) and Parallel creation', async () => {
    const w = await watchPods('cache');
    const file = k.file(
      'cache.yaml',
      statefulSet('cache', 'redis:7', '', '  podManagementPolicy: Parallel\n'),
    );
    await k.run(['apply', '-f', file]);
    const sts = (await k.json(['get', 'sts', 'cache'])) as Loose;
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    const r = await k.run(['rollout', 'status', 'statefulset/cache', '--timeout=30s']);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      'partitioned roll out complete: 3 new pods have been updated...',
    );
    const ev = await eventually(() => {
      const e = w.events();
      return new Set(e.filter((x) => x.ready).map((x) => x.name)).size === 3 && e;
    });
    w.stop();
    const lastAdded = ev.map((e) => e.type).lastIndexOf('ADDED');
    expect(ev.filter((e) => e.type === 'ADDED')).toHaveLength(3);
    expect(ev.findIndex((e) => e.ready)).toBeGreaterThan(lastAdded);
  });

  it('29 DaemonSet: one pod per node, rolling update, new nodes get pods', async () => {
    await k.run(['apply', '-f', k.file('agent.yaml', daemonSet('agent', 'fluentd:1.16'))]);
    const r = await k.run(['rollout', 'status', 'daemonset/agent', '--timeout=30s']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    const list = await pods('agent');
    expect(list.map((p) => p.spec.nodeName).sort()).toEqual(['sandbox-node', 'sandbox-node-2']);
    for (const p of list) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels['pod-template-generation']).toBe('1');
      expect(
        p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms,
      ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec.nodeName] }] }]);
      expect(p.spec.tolerations).toContainEqual({
        key: 'node.kubernetes.io/unschedulable',
        operator: 'Exists',
        effect: 'NoSchedule',
      });
    }
    expect(((await k.json(['get', 'ds', 'agent'])) as Loose).status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });

    const w = await watchPods('agent');
    await k.run(['set', 'image', 'daemonset/agent', 'agent=fluentd:1.17']);
    const roll = await k.run(['rollout', 'status', 'daemonset/agent', '--timeout=30s']);
    expect(roll.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    // maxUnavailable 1: the second old pod goes only after the first replacement is Ready.
    const ev = await eventually(() => {
      const e = w.events();
      return e.filter((x) => x.type === 'DELETED').length === 2 && e;
    });
    w.stop();
    const oldNames = list.map((p) => p.metadata.name as string);
    const secondDelete = ev.findIndex(
      (e, i) => e.type === 'DELETED' && ev.slice(0, i).some((x) => x.type === 'DELETED'),
    );
    const firstNewReady = ev.findIndex((e) => e.ready && !oldNames.includes(e.name));
    expect(firstNewReady).toBeGreaterThanOrEqual(0);
    expect(secondDelete).toBeGreaterThan(firstNewReady);
    const updated = await pods('agent');
    expect(updated.map((p) => `${p.spec.nodeName}:${p.spec.containers[0].image}`).sort()).toEqual([
      'sandbox-node-2:fluentd:1.17',
      'sandbox-node:fluentd:1.17',
    ]);
    expect(updated.every((p) => p.metadata.labels['pod-template-generation'] === '2')).toBe(true);

    await k.run([
      'apply',
      '-f',
      k.file('node.yaml', 'apiVersion: v1\nkind: Node\nmetadata: {name: extra-node, labels: {disk: ssd}}\n'),
    ]);
    await eventually(async () => (await pods('agent')).some((p) => p.spec.nodeName === 'extra-node'));
    expect((await k.run(['rollout', 'status', 'daemonset/agent', '--timeout=30s'])).code).toBe(0);
    expect(((await k.json(['get', 'ds', 'agent'])) as Loose).status.desiredNumberScheduled).toBe(3);

    await k.run([
      'apply',
      '-f',
      k.file('ssd.yaml', daemonSet('ssd', 'busybox:1.36', '      nodeSelector: {disk: ssd}\n')),
    ]);
    expect((await k.run(['rollout', 'status', 'daemonset/ssd', '--timeout=30s'])).code).toBe(0);
    expect((await pods('ssd')).map((p) => p.spec.nodeName)).toEqual(['extra-node']);
  });
});
