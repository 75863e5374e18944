import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeSandbox } from '../sandbox.js';
import { startKubeSandbox } from '../sandbox.js';
import type { Loose } from '../types.js';
import { deploymentYaml, Kubectl } from './kubectl-harness.js';

// kube-sandbox.md §5 checks 16–19 (conflicts, AlreadyExists/NotFound, Invalid, unknown fields) and
// 23 (server-side apply) through the real kubectl.
let sandbox: KubeSandbox;
let k: Kubectl;
let web: string;

const deploy = (name: string): Promise<Loose> => k.json(['get', 'deploy', name]);

beforeAll(async () => {
  sandbox = await startKubeSandbox({ podReadyDelayMs: 60, podDeleteDelayMs: 30 });
  k = new Kubectl(sandbox);
  web = k.file('web.yaml', deploymentYaml('web', 'nginx:1.25'));
  expect((await k.run(['apply', '-f', web])).stdout.trim()).toBe('deployment.apps/web created');
});
afterAll(async () => sandbox?.stop());

describe('kubectl against kube-sandbox: apply errors and server-side apply', () => {
  it('16 a stale replace gets 409 Conflict', async () => {
    const stale = await k.run(['get', 'deploy', 'web', '-o', 'yaml']);
    await k.run(['annotate', 'deploy', 'web', 'touched=yes']);
    const r = await k.run(['replace', '-f', '-'], stale.stdout);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (Conflict)');
    expect(r.stderr).toContain(
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('17 AlreadyExists and NotFound', async () => {
    const r = await k.run(['create', '-f', web]);
    expect(r.stderr).toContain('Error from server (AlreadyExists): error when creating');
    expect(r.stderr).toContain('deployments.apps "web" already exists');
    const nf = await k.run(['get', 'deploy', 'nope']);
    expect(nf.code).toBe(1);
    expect(nf.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });

  it('18 invalid: immutable selector and mismatched template labels', async () => {
    const changed = deploymentYaml('web', 'nginx:1.25', { labels: ', tier: x' }).replace(
      'matchLabels: {app: web}',
      'matchLabels: {app: web, tier: x}',
    );
    const r = await k.run(['apply', '-f', k.file('sel.yaml', changed)]);
    expect(r.stderr).toContain('The Deployment "web" is invalid: spec.selector: Invalid value:');
    expect(r.stderr).toContain('field is immutable');
    const mism = await k.run([
      'apply',
      '-f',
      k.file(
        'mism.yaml',
        deploymentYaml('other', 'nginx:1.25').replace(
          'matchLabels: {app: other}',
          'matchLabels: {app: nope}',
        ),
      ),
    ]);
    expect(mism.stderr).toContain(
      'The Deployment "other" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`',
    );
  });

  it('19 unknown fields: strict server-side validation', async () => {
    const bad = k.file(
      'bad.yaml',
      deploymentYaml('typo', 'nginx:1.25').replace('replicas: 3', 'replicaz: 3'),
    );
    const r = await k.run(['apply', '-f', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "spec.replicaz"');
    expect((await k.run(['apply', '--validate=false', '-f', bad])).stdout).toContain(
      'deployment.apps/typo created',
    );
  });

  it('23 server-side apply: managedFields, conflicts, force', async () => {
    const ssa = k.file('ssa.yaml', deploymentYaml('ssa', 'nginx:1.25'));
    expect((await k.run(['apply', '--server-side', '-f', ssa])).stdout).toContain(
      'deployment.apps/ssa serverside-applied',
    );
    const d = await k.json(['get', 'deploy', 'ssa', '--show-managed-fields']);
    expect((d as Loose).metadata.managedFields).toEqual(
      expect.arrayContaining([expect.objectContaining({ manager: 'kubectl', operation: 'Apply' })]),
    );
    const five = k.file('ssa5.yaml', deploymentYaml('ssa', 'nginx:1.25', { replicas: 5 }));
    const c = await k.run(['apply', '--server-side', '--field-manager=other', '-f', five]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('conflict with "kubectl" using apps/v1: .spec.replicas');
    expect(
      (await k.run(['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-f', five]))
        .code,
    ).toBe(0);
    expect((await deploy('ssa')).spec.replicas).toBe(5);
    const csa = k.file('csa.yaml', deploymentYaml('csa', 'nginx:1.25'));
    expect((await k.run(['apply', '-f', csa])).stdout).toContain('created');
    expect((await k.run(['apply', '--server-side', '-f', csa])).stdout).toContain(
      'deployment.apps/csa serverside-applied',
    );
  });
});
