import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { deploymentYaml, Kubectl } from './kubectl-harness.js';

// kubectl's typed `create` generators (protobuf request bodies) and human `get` output (server-side
// Tables), through the real kubectl.
let sandbox: KubeSandbox;
let k: Kubectl;

const ready = async (name: string): Promise<void> => {
  expect((await k.run(['rollout', 'status', `deployment/${name}`, '--timeout=30s'])).code).toBe(0);
};

beforeAll(async () => {
  sandbox = await startKubeSandbox({ podReadyDelayMs: 50, podDeleteDelayMs: 30, podCompleteDelayMs: 100 });
  k = new Kubectl(sandbox);
});
afterAll(async () => sandbox?.stop());

describe('kubectl against kube-sandbox: create generators and table output', () => {
  it('kubectl create generators (protobuf bodies): namespace, configmap, deployment', async () => {
    expect((await k.run(['create', 'namespace', 'gen'])).stdout.trim()).toBe('namespace/gen created');
    expect((await k.run(['create', 'configmap', 'x', '-n', 'gen', '--from-literal=a=b'])).stdout.trim()).toBe(
      'configmap/x created',
    );
    expect(((await k.json(['get', 'cm', 'x', '-n', 'gen'])) as Loose).data).toEqual({ a: 'b' });
    expect((await k.run(['create', 'deployment', 'web', '-n', 'gen', '--image=nginx'])).stdout.trim()).toBe(
      'deployment.apps/web created',
    );
    expect(
      (await k.run(['rollout', 'status', 'deployment/web', '-n', 'gen', '--timeout=30s'])).stdout,
    ).toContain('deployment "web" successfully rolled out');
    const d = (await k.json(['get', 'deploy', 'web', '-n', 'gen'])) as Loose;
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      name: 'nginx',
      image: 'nginx',
      imagePullPolicy: 'Always',
    });
    const cj = await k.run(['create', 'cronjob', 'cj', '--image=busybox', '--schedule=* * * * *']);
    expect(cj.code).toBe(1);
    expect(cj.stderr).toContain('protobuf bodies of batch/v1, Kind=CronJob are not supported');
  });

  it('get prints the server-side Table columns real kubectl shows', async () => {
    await k.run(['apply', '-f', k.file('tbl.yaml', deploymentYaml('tbl', 'nginx:1.25', { replicas: 2 }))]);
    await ready('tbl');
    const lines = (await k.run(['get', 'pods', '-l', 'app=tbl'])).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines).toHaveLength(3);
    for (const row of lines.slice(1)) expect(row).toMatch(/^tbl-\w+-\w{5}\s+1\/1\s+Running\s+0\s+\d+s$/);
    const wide = (await k.run(['get', 'pods', '-l', 'app=tbl', '-o', 'wide'])).stdout.split('\n');
    expect(wide[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(wide[1]).toMatch(/\s10\.244\.\d+\.\d+\s+sandbox-node\s+<none>\s+<none>$/);
    expect((await k.run(['get', 'deploy', 'tbl'])).stdout).toMatch(
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ntbl\s+2\/2\s+2\s+2\s+\d+s\n$/,
    );
    expect((await k.run(['get', 'rs', '-l', 'app=tbl'])).stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\ntbl-\w+\s+2\s+2\s+2\s+\d+s\n$/,
    );
    expect((await k.run(['get', 'svc', 'kubernetes'])).stdout).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+[sm]\S*\n$/,
    );
    expect((await k.run(['get', 'ns', 'default'])).stdout).toMatch(
      /^NAME\s+STATUS\s+AGE\ndefault\s+Active\s+\S+\n$/,
    );
    expect((await k.run(['get', 'cm', 'kube-root-ca.crt'])).stdout).toMatch(
      /^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\S+\n$/,
    );
    expect((await k.run(['get', 'nodes'])).stdout).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nsandbox-node\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0\n$/,
    );
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: main, image: "busybox:1.36"}]\n';
    await k.run(['apply', '-f', k.file('migrate.yaml', job)]);
    await k.run(['wait', '--for=condition=complete', 'job/migrate', '--timeout=30s']);
    expect((await k.run(['get', 'jobs', 'migrate'])).stdout).toMatch(
      /^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\nmigrate\s+Complete\s+1\/1\s+\d+s\s+\S+\n$/,
    );
    const all = (await k.run(['get', 'pods', '-A', '-l', 'app=tbl'])).stdout.split('\n');
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(all[1]).toMatch(/^default\s+tbl-/);
  });
});
