import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { deploymentYaml, eventually, Kubectl } from './kubectl-harness.js';

// kube-sandbox.md §5 checks 13–15, 20–22, 25–27 plus the three patch types and `kubectl wait`.
let sandbox: KubeSandbox;
let k: Kubectl;

const names = async (args: string[]): Promise<string[]> =>
  (await k.json<{ items: Loose[] }>(['get', ...args])).items.map((o) => o.metadata.name as string);
const ready = async (name: string): Promise<void> => {
  expect((await k.run(['rollout', 'status', `deployment/${name}`, '--timeout=30s'])).code).toBe(0);
};

beforeAll(async () => {
  sandbox = await startKubeSandbox({ podReadyDelayMs: 50, podDeleteDelayMs: 30, podCompleteDelayMs: 100 });
  k = new Kubectl(sandbox);
});
afterAll(async () => sandbox?.stop());

describe('kubectl against kube-sandbox: resources', () => {
  it('patch: strategic, merge and JSON patch; wait --for=condition', async () => {
    await k.run(['apply', '-f', k.file('p.yaml', deploymentYaml('p', 'nginx:1.25', { replicas: 1 }))]);
    expect(
      (await k.run(['wait', '--for=condition=Available', 'deployment/p', '--timeout=30s'])).stdout,
    ).toContain('deployment.apps/p condition met');
    const smp =
      '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"A","value":"1"}]}]}}}}';
    expect((await k.run(['patch', 'deployment/p', '-p', smp])).stdout).toContain('deployment.apps/p patched');
    await k.run(['patch', 'deployment/p', '--type=merge', '-p', '{"metadata":{"labels":{"team":"x"}}}']);
    await k.run([
      'patch',
      'deployment/p',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
    ]);
    const d = await k.json(['get', 'deploy', 'p']);
    expect((d as Loose).spec.template.spec.containers[0]).toMatchObject({
      name: 'nginx',
      image: 'nginx:1.25',
      env: [{ name: 'A', value: '1' }],
    });
    expect((d as Loose).metadata.labels).toEqual({ app: 'p', team: 'x' });
    expect((d as Loose).spec.replicas).toBe(2);
    const bad = await k.run([
      'patch',
      'deployment/p',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/spec/nope"}]',
    ]);
    expect(bad.code).toBe(1);
  });

  it('13 delete with background cascade removes ReplicaSets and pods', async () => {
    await k.run(['apply', '-f', k.file('bg.yaml', deploymentYaml('bg', 'nginx:1.25', { replicas: 2 }))]);
    await ready('bg');
    expect((await k.run(['delete', 'deployment', 'bg'])).stdout.trim()).toBe('deployment.apps "bg" deleted');
    await eventually(async () => (await names(['rs,pods', '-l', 'app=bg'])).length === 0);
  });

  it('14 delete with orphan cascade keeps ReplicaSets and pods', async () => {
    await k.run(['apply', '-f', k.file('or.yaml', deploymentYaml('or', 'nginx:1.25', { replicas: 2 }))]);
    await ready('or');
    await k.run(['delete', 'deployment', 'or', '--cascade=orphan']);
    const rs = (await k.json<{ items: Loose[] }>(['get', 'rs', '-l', 'app=or'])).items;
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    const pods = (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=or'])).items;
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.ownerReferences[0].kind).toBe('ReplicaSet');
  });

  it('15 delete with foreground cascade returns after dependents are gone', async () => {
    await k.run(['apply', '-f', k.file('fg.yaml', deploymentYaml('fg', 'nginx:1.25', { replicas: 2 }))]);
    await ready('fg');
    const watch = k.stream(['get', 'deploy', 'fg', '-w', '-o', 'jsonpath={.metadata.finalizers}{"\\n"}']);
    const r = await k.run(['delete', 'deployment', 'fg', '--cascade=foreground']);
    watch.stop();
    expect(r.code).toBe(0);
    expect(watch.output()).toContain('foregroundDeletion');
    expect(await names(['rs,pods', '-l', 'app=fg'])).toEqual([]);
  });

  it('20 watch from a compacted resourceVersion gets an in-stream 410', async () => {
    sandbox.compactHistory();
    const r = await k.run(['get', '--raw', '/api/v1/namespaces/default/pods?watch=1&resourceVersion=1']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const ev = JSON.parse(lines[0]!);
    expect(ev).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
    expect(ev.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('21 watch with a label selector sees relabelled pods leave and return', async () => {
    await k.run(['apply', '-f', k.file('w.yaml', deploymentYaml('w', 'nginx:1.25', { replicas: 1 }))]);
    await ready('w');
    const [pod] = await names(['pods', '-l', 'app=w']);
    const rv = ((await k.json(['get', 'pods', '-l', 'role=probe'])) as Loose).metadata.resourceVersion;
    const watch = k.stream([
      'get',
      '--raw',
      `/api/v1/namespaces/default/pods?watch=1&labelSelector=role%3Dprobe&resourceVersion=${rv}`,
    ]);
    const events = (): string[] =>
      watch
        .output()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => `${JSON.parse(l).type} ${JSON.parse(l).object.metadata.name}`);
    await k.run(['label', 'pod', pod!, 'role=probe']);
    await eventually(() => events().includes(`ADDED ${pod}`));
    await k.run(['label', 'pod', pod!, 'role-']);
    await eventually(() => events().includes(`DELETED ${pod}`));
    expect(events()).toEqual([`ADDED ${pod}`, `DELETED ${pod}`]);
    watch.stop();
  });

  it('22 label and field selectors, paging, bad selectors', async () => {
    await k.run([
      'apply',
      '-f',
      k.file('sel.yaml', deploymentYaml('sel', 'nginx:1.25', { replicas: 3, labels: ', tier: web' })),
    ]);
    await ready('sel');
    const running = await names([
      'pods',
      '-l',
      'app in (sel),tier!=db',
      '--field-selector',
      'status.phase=Running',
    ]);
    expect(running).toHaveLength(3);
    expect(await names(['pods', '-l', 'app=sel', '--chunk-size=1'])).toHaveLength(3);
    const raw = JSON.parse(
      (await k.run(['get', '--raw', '/api/v1/namespaces/default/pods?labelSelector=app%3Dsel&limit=2']))
        .stdout,
    );
    expect(raw.items).toHaveLength(2);
    expect(raw.metadata.remainingItemCount).toBe(1);
    const bad = await k.run(['get', 'pods', '--field-selector', 'spec.foo=bar']);
    expect(bad.stderr).toContain('Error from server (BadRequest)');
    expect(bad.stderr).toContain('field label not supported: spec.foo');
  });

  it('25 namespace lifecycle', async () => {
    const def = await k.run(['delete', 'ns', 'default']);
    expect(def.stderr).toContain(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    );
    await k.run([
      'apply',
      '-f',
      k.file('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n'),
    ]);
    await eventually(async () => (await names(['sa', '-n', 'team-a'])).includes('default'));
    await k.run([
      'apply',
      '-n',
      'team-a',
      '-f',
      k.file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\ndata: {a: b}\n'),
    ]);
    await k.run([
      'apply',
      '-n',
      'team-a',
      '-f',
      k.file('ta.yaml', deploymentYaml('ta', 'nginx:1.25', { replicas: 1 })),
    ]);
    // A finalizer on a ConfigMap holds the namespace in Terminating, as in a real cluster.
    await k.run([
      'apply',
      '-n',
      'team-a',
      '-f',
      k.file(
        'hold.yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hold, finalizers: [example.com/hold]}\n',
      ),
    ]);
    expect((await k.run(['delete', 'ns', 'team-a', '--wait=false'])).stdout.trim()).toBe(
      'namespace "team-a" deleted',
    );
    await eventually(
      async () => ((await k.json(['get', 'ns', 'team-a'])) as Loose).status.phase === 'Terminating',
    );
    const late = await k.run([
      'apply',
      '-n',
      'team-a',
      '-f',
      k.file('late.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\ndata: {a: b}\n'),
    ]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(
      `Error from server (Forbidden): error when creating "${k.dir}/late.yaml": configmaps "late" is forbidden: unable to create new content in namespace team-a because it is being terminated`,
    );
    await eventually(async () => (await names(['pods,deploy', '-n', 'team-a'])).length === 0);
    await k.run([
      'patch',
      'cm',
      'hold',
      '-n',
      'team-a',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    expect((await k.run(['wait', '--for=delete', 'ns/team-a', '--timeout=30s'])).code).toBe(0);
    const gone = await k.run(['get', 'ns', 'team-a']);
    expect(gone.stderr).toContain('namespaces "team-a" not found');
  });

  it('26 service: clusterIP, endpoints and endpoint slices follow pods', async () => {
    await k.run(['apply', '-f', k.file('svc-d.yaml', deploymentYaml('svc', 'nginx:1.25', { replicas: 2 }))]);
    await ready('svc');
    await k.run(['expose', 'deployment', 'svc', '--port=80', '--target-port=80']);
    const svc = (await k.json(['get', 'svc', 'svc'])) as Loose;
    expect(svc.spec.clusterIP).toMatch(/^10\.96\./);
    const podIps = (await k.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=svc'])).items
      .map((p) => p.status.podIP)
      .sort();
    const ep = await eventually(async () => {
      const e = (await k.json(['get', 'endpoints', 'svc'])) as Loose;
      return e.subsets?.[0]?.addresses?.length === 2 && e;
    });
    expect(ep.subsets[0].addresses.map((a: Loose) => a.ip).sort()).toEqual(podIps);
    const slices = (
      await k.json<{ items: Loose[] }>(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=svc'])
    ).items;
    expect(slices[0].endpoints.map((e: Loose) => e.addresses[0]).sort()).toEqual(podIps);
    await k.run(['scale', 'deployment/svc', '--replicas=1']);
    await eventually(
      async () =>
        ((await k.json(['get', 'endpoints', 'svc'])) as Loose).subsets?.[0]?.addresses?.length === 1,
    );
  });

  it('27 jobs complete, fail after backoffLimit, and keep their template immutable', async () => {
    const ok =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: main, image: "busybox:1.36"}]\n';
    await k.run(['apply', '-f', k.file('migrate.yaml', ok)]);
    expect(
      (await k.run(['wait', '--for=condition=complete', 'job/migrate', '--timeout=30s'])).stdout,
    ).toContain('job.batch/migrate condition met');
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: broken}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: "busybox:job-fail"}]
`;
    await k.run(['apply', '-f', k.file('job.yaml', job)]);
    expect((await k.run(['wait', '--for=condition=failed', 'job/broken', '--timeout=30s'])).code).toBe(0);
    const j = (await k.json(['get', 'job', 'broken'])) as Loose;
    expect(j.status.failed).toBe(2);
    expect(j.status.conditions.find((c: Loose) => c.type === 'Failed')).toMatchObject({
      status: 'True',
      reason: 'BackoffLimitExceeded',
    });
    const imm = await k.run(['apply', '-f', k.file('job2.yaml', job.replace('job-fail', 'other'))]);
    expect(imm.stderr).toContain('field is immutable');
  });
});
