import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { eventually, Kubectl } from './kubectl-harness.js';

// kube-sandbox.md §5 check 32: a sandbox restarted on the same port with a different resource set
// works with kubectl's existing discovery cache (kubectl re-discovers on an unknown kind); and the
// optional snapshot file carries state across a restart.
let sandbox: KubeSandbox | undefined;
afterAll(async () => sandbox?.stop());

const crd = (singular: string, kind: string): string => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${singular}s.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: ${singular}s, singular: ${singular}, kind: ${kind}, listKind: ${kind}List}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
const instance = (kind: string, name: string): string =>
  `apiVersion: example.com/v1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec: {size: 1}\n`;

describe('kubectl against a restarted kube-sandbox', () => {
  it('32 same port, same --cache-dir, different resource set', async () => {
    sandbox = await startKubeSandbox({ podReadyDelayMs: 50 });
    const port = sandbox.port;
    const k = new Kubectl(sandbox);
    await k.run(['apply', '-f', k.file('widget-crd.yaml', crd('widget', 'Widget'))]);
    await eventually(async () => (await k.run(['get', 'widgets'])).code === 0);
    expect((await k.run(['apply', '-f', k.file('w1.yaml', instance('Widget', 'w1'))])).stdout.trim()).toBe(
      'widget.example.com/w1 created',
    );
    expect((await k.run(['get', 'widgets', '-o', 'name'])).stdout.trim()).toBe('widget.example.com/w1');
    await sandbox.stop();

    sandbox = await startKubeSandbox({ port, podReadyDelayMs: 50 });
    expect(sandbox.url).toBe(`http://127.0.0.1:${port}`);
    await k.run(['apply', '-f', k.file('gadget-crd.yaml', crd('gadget', 'Gadget'))]);
    await eventually(async () => (await k.run(['get', 'gadgets'])).code === 0);
    // The cached discovery does not know Gadget: kubectl re-discovers, validates against the new
    // OpenAPI v3 document and creates it.
    expect((await k.run(['apply', '-f', k.file('g1.yaml', instance('Gadget', 'g1'))])).stdout.trim()).toBe(
      'gadget.example.com/g1 created',
    );
    expect((await k.run(['get', 'gadgets', '-o', 'name'])).stdout.trim()).toBe('gadget.example.com/g1');
    const gone = await k.run(['get', 'widgets']);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe('error: the server doesn\'t have a resource type "widgets"');
    expect((await k.run(['get', 'deployments'])).code).toBe(0);
  });

  it('snapshot: state written at stop is served again, and controllers resume on it', async () => {
    await sandbox?.stop();
    const file = join(mkdtempSync(join(tmpdir(), 'kube-snapshot-')), 'state.json');
    sandbox = await startKubeSandbox({ podReadyDelayMs: 50, snapshotFile: file });
    const k = new Kubectl(sandbox);
    await k.run(['create', 'configmap', 'kept', '--from-literal=a=b']);
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kv}
spec:
  replicas: 2
  selector: {matchLabels: {app: kv}}
  template:
    metadata: {labels: {app: kv}}
    spec:
      containers: [{name: kv, image: "redis:7"}]
`;
    await k.run(['apply', '-f', k.file('kv.yaml', sts)]);
    expect((await k.run(['rollout', 'status', 'statefulset/kv', '--timeout=30s'])).code).toBe(0);
    const before = ((await k.json(['get', 'cm', 'kept'])) as Loose).metadata.uid;
    await sandbox.stop();

    sandbox = await startKubeSandbox({ podReadyDelayMs: 50, snapshotFile: file });
    const k2 = new Kubectl(sandbox);
    expect(((await k2.json(['get', 'cm', 'kept'])) as Loose).metadata.uid).toBe(before);
    const pods = (await k2.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=kv'])).items;
    expect(pods.map((p) => `${p.metadata.name}:${p.status.phase}`)).toEqual(['kv-0:Running', 'kv-1:Running']);
    await k2.run(['scale', 'statefulset/kv', '--replicas=3']);
    expect((await k2.run(['rollout', 'status', 'statefulset/kv', '--timeout=30s'])).code).toBe(0);
    expect(
      (await k2.json<{ items: Loose[] }>(['get', 'pods', '-l', 'app=kv'])).items.map((p) => p.metadata.name),
    ).toEqual(['kv-0', 'kv-1', 'kv-2']);
  });
});
