import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKubeSandbox, type KubeSandbox } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'genoa-k8s-'));
const kubeconfig = join(scratch, 'kubeconfig');
const cacheDir = join(scratch, 'kubectl-cache');
let sandbox: KubeSandbox;

// The sandbox runs in this process: kubectl must run asynchronously or it would wait on a blocked loop.
const run = promisify(execFile);
const kubectl = async (...args: string[]) =>
  (await run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { encoding: 'utf8' }))
    .stdout;

/** Runs install.sh against the sandbox; resolves with its exit code and output. */
async function install(): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    KUBECTL_FLAGS: `--kubeconfig ${kubeconfig} --cache-dir ${cacheDir}`,
    GENOA_ROLLOUT_TIMEOUT: '60s',
  };
  try {
    const { stdout, stderr } = await run('bash', [join(root, 'deploy/k8s/install.sh')], {
      encoding: 'utf8',
      env,
    });
    return { status: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
const rendered = () => execFileSync('kubectl', ['kustomize', join(root, 'deploy/k8s')], { encoding: 'utf8' });

beforeAll(async () => {
  sandbox = await startKubeSandbox({
    port: 0,
    kubeconfigPath: kubeconfig,
    podReadyDelayMs: 50,
    podCompleteDelayMs: 100,
  });
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    template?: { spec?: { containers?: { resources?: { requests?: { cpu?: string; memory?: string } } }[] } };
  };
}

describe('deploy/k8s', () => {
  const objects = parseAllDocuments(rendered()).map((d) => d.toJSON() as K8sObject);

  it('renders with kustomize, every object labelled as part of Genoa', () => {
    expect(objects.length).toBeGreaterThan(40);
    for (const o of objects)
      expect(o.metadata.labels?.['app.kubernetes.io/part-of'], `${o.kind}/${o.metadata.name}`).toBe('genoa');
  });

  it('closes gate by default; the anonymous overlay opens it', () => {
    const gateConfig = (docs: K8sObject[]) =>
      (
        docs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'gate') as unknown as {
          data: Record<string, string>;
        }
      ).data;
    expect(gateConfig(objects).GATE_AUTH_ENABLED).toBe('true');
    const overlay = execFileSync('kubectl', ['kustomize', join(root, 'deploy/overlays/anonymous')], {
      encoding: 'utf8',
    });
    expect(gateConfig(parseAllDocuments(overlay).map((d) => d.toJSON() as K8sObject)).GATE_AUTH_ENABLED).toBe(
      'false',
    );
  });

  it('requests at most 1 vCPU and 1.5 GiB for the whole suite', () => {
    let milliCpu = 0;
    let mebibytes = 0;
    for (const o of objects.filter((x) => x.kind === 'Deployment')) {
      for (const c of o.spec?.template?.spec?.containers ?? []) {
        milliCpu += Number((c.resources?.requests?.cpu ?? '0m').replace('m', ''));
        mebibytes += Number((c.resources?.requests?.memory ?? '0Mi').replace('Mi', ''));
      }
    }
    expect(milliCpu).toBeLessThanOrEqual(1000);
    expect(mebibytes).toBeLessThanOrEqual(1536);
  });

  it('passes server-side dry-run with strict validation against the kube sandbox', async () => {
    await kubectl('apply', '-k', join(root, 'deploy/k8s/00-namespace'));
    const file = join(scratch, 'rendered.yaml');
    writeFileSync(file, rendered());
    const out = await kubectl('apply', '--dry-run=server', '--validate=strict', '-f', file);
    expect(out).toContain('deployment.apps/orca created (server dry run)');
    expect(out.trim().split('\n').length).toBe(objects.length);
  });

  it('install.sh applies the tiers in dependency order and every workload becomes ready', async () => {
    const result = await install();
    expect(result.status, result.stderr + result.stdout).toBe(0);
    const steps = result.stdout.split('\n').filter((l: string) => /^(applied|ready) /.test(l));
    expect(steps).toEqual([
      'applied 00-namespace',
      'applied 10-redis',
      'applied 10-minio',
      'ready redis',
      'ready minio',
      'ready bucket',
      'applied 20-front50',
      'ready front50',
      'applied 30-clouddriver',
      'applied 30-igor',
      'ready clouddriver',
      'ready igor',
      'applied 40-orca',
      'applied 40-echo',
      'ready orca',
      'ready echo',
      'applied 50-gate',
      'ready gate',
      'applied 60-deck',
      'ready deck',
    ]);
    expect(result.stdout).toContain('secret genoa-internal: created');
    expect(result.stdout).toContain('kubectl -n genoa port-forward svc/deck 9000:9000');
    const shownPassword = /Sign in as admin with password: ([0-9a-f]{64})/.exec(result.stdout)?.[1];
    expect(shownPassword).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.parse(
      await kubectl('-n', 'genoa', 'get', 'secret', 'genoa-gate-admin', '-o', 'json'),
    ) as {
      data: { GATE_ADMIN_PASSWORD: string };
    };
    expect(Buffer.from(stored.data.GATE_ADMIN_PASSWORD, 'base64').toString()).toBe(shownPassword);
    const ready = JSON.parse(await kubectl('-n', 'genoa', 'get', 'deployments', '-o', 'json')) as {
      items: { metadata: { name: string }; status: { readyReplicas?: number } }[];
    };
    expect(ready.items.map((d) => [d.metadata.name, d.status.readyReplicas]).sort()).toEqual(
      ['clouddriver', 'deck', 'echo', 'front50', 'gate', 'igor', 'minio', 'orca', 'redis'].map((n) => [n, 1]),
    );
    const again = await install();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('secret genoa-internal: kept');
    expect(again.stdout).toContain('secret genoa-gate-admin: kept');
    expect(again.stdout).not.toContain('Sign in as admin with password');
  }, 120_000);
});
