import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts } from '@genoa/shared';
import { spawnManaged, waitForPort } from '@genoa/testing';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stateDir = mkdtempSync(join(tmpdir(), 'genoa-stack-'));
const offset = 30_000 + Math.floor(Math.random() * 5_000);

/** Processes whose command line mentions the stack's state dir (redis-server, the S3 server). */
function processesUsing(dir: string): string {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

/** Starts the launcher as `npm start` does and waits for "Genoa is up". */
async function startStack() {
  const stack = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/local-stack/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        GENOA_STATE_DIR: stateDir,
        GENOA_PORT_OFFSET: String(offset),
        LOG_LEVEL: 'warn',
      },
    },
  );
  const deadline = Date.now() + 100_000;
  while (!stack.output().includes('Genoa is up') && Date.now() < deadline && stack.child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return stack;
}

/** kubectl against the stack's kube sandbox, through the kubeconfig the stack wrote. */
function kubectl(...args: string[]): string {
  return execFileSync(
    'kubectl',
    ['--kubeconfig', join(stateDir, 'kubeconfig'), '--cache-dir', join(stateDir, 'kubectl-cache'), ...args],
    { encoding: 'utf8', input: args.includes('-f') ? probeConfigMap : undefined },
  );
}
const probeConfigMap =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: genoa-probe\n  namespace: default\ndata:\n  kept: yes-across-restarts\n';

describe('npm start (the local stack)', () => {
  it('brings every service to healthy, prints the Deck URL, and Ctrl-C leaves nothing behind', async () => {
    const stack = await startStack();
    try {
      const output = stack.output();
      expect(output, output).toContain('Genoa is up');
      for (const [name, port] of Object.entries(defaultPorts)) {
        expect(output).toMatch(
          new RegExp(`✓ ${name}\\s+http://127\\.0\\.0\\.1:${port + offset}\\s+healthy in`),
        );
        const health = await fetch(`http://127.0.0.1:${port + offset}/health`);
        expect(health.status, name).toBe(200);
      }
      expect(output).toContain(`Deck (web UI): http://127.0.0.1:${defaultPorts.deck + offset}`);
      expect(output).toContain(`kubectl --kubeconfig ${join(stateDir, 'kubeconfig')} get pods -A`);
      const page = await (await fetch(`http://127.0.0.1:${defaultPorts.deck + offset}/`)).text();
      expect(page).toContain('<div id="root">');
      expect(processesUsing(stateDir)).not.toBe('');
      expect(kubectl('apply', '-f', '-')).toContain('configmap/genoa-probe created');

      stack.child.kill('SIGINT');
      expect(await stack.exited).toBe(0);
      expect(stack.output()).toContain('stopped; no process left behind.');
      for (const port of [...Object.values(defaultPorts), 6390, 9001, 6443]) {
        await expect(waitForPort(port + offset, '127.0.0.1', 100)).rejects.toThrow(/nothing listens/);
      }
      expect(processesUsing(stateDir)).toBe('');
    } finally {
      await stack.stop(0);
    }
  }, 150_000);

  it('keeps cluster state across a restart (kube sandbox snapshot in the state dir)', async () => {
    const stack = await startStack();
    try {
      expect(stack.output()).toContain('Genoa is up');
      expect(kubectl('get', 'configmap', 'genoa-probe', '-o', 'jsonpath={.data.kept}')).toBe(
        'yes-across-restarts',
      );
      stack.child.kill('SIGINT');
      expect(await stack.exited).toBe(0);
    } finally {
      await stack.stop(0);
    }
  }, 150_000);
});
