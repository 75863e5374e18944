import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts } from '@genoa/shared';
import { descendants, spawnManaged, waitForPort } from '@genoa/testing';
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

/** Starts the launcher as `npm start` does (plus `extraEnv`) and waits for "Genoa is up". */
async function startStack(extraEnv: Record<string, string> = {}) {
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
        ...extraEnv,
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

/** Polls `read` until `done` accepts its value (or fails after `timeoutMs`). */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Given the running suite, when a user creates an application, saves a pipeline (wait → manual
 * judgment) and starts it through gate only, then approves the judgment: the execution SUCCEEDS.
 */
async function releaseThroughGate(gate: string): Promise<void> {
  const json = { 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(gate + path, {
      method,
      headers: json,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const task = await call('POST', '/tasks', {
    application: 'e2e',
    description: 'Create Application: e2e',
    job: [
      { type: 'createApplication', application: { name: 'e2e', email: 'team@example.com' }, user: 'alice' },
    ],
  });
  expect(task.status).toBe(200);
  const taskId = String(task.body.ref).split('/')[2];
  const created = await eventually(
    () => call('GET', `/tasks/${taskId}`),
    (r) => r.body.status === 'SUCCEEDED',
  );
  expect(created.body.status).toBe('SUCCEEDED');

  const saved = await call('POST', '/pipelines', {
    application: 'e2e',
    name: 'release',
    parameterConfig: [{ name: 'tag', default: 'v1' }],
    stages: [
      { refId: '1', type: 'wait', name: 'Soak', waitTime: 1 },
      {
        refId: '2',
        requisiteStageRefIds: ['1'],
        type: 'manualJudgment',
        name: 'Approve',
        judgmentInputs: [],
      },
    ],
  });
  expect(saved.status).toBe(200);

  const started = await call('POST', '/pipelines/e2e/release', { parameters: { tag: 'v2' } });
  expect(started.status).toBe(202);
  const executionId = String(started.body.ref).split('/')[2];
  const waiting = await eventually(
    () => call('GET', `/pipelines/${executionId}`),
    (r) =>
      (r.body.stages as { type: string; status: string }[]).some(
        (s) => s.type === 'manualJudgment' && s.status === 'RUNNING',
      ),
  );
  const trigger = waiting.body.trigger as { parameters: Record<string, string> };
  expect(trigger.parameters.tag).toBe('v2');
  const judgment = (waiting.body.stages as { id: string; type: string }[]).find(
    (s) => s.type === 'manualJudgment',
  )!;
  expect(
    (await call('PATCH', `/pipelines/${executionId}/stages/${judgment.id}`, { judgmentStatus: 'continue' }))
      .status,
  ).toBe(200);
  const finished = await eventually(
    () => call('GET', `/pipelines/${executionId}`),
    (r) => r.body.status === 'SUCCEEDED',
  );
  expect(finished.body.status).toBe('SUCCEEDED');
  const listed = await call('GET', '/applications/e2e/pipelines?limit=5');
  expect(listed.status).toBe(200);
}

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
      // Each service runs from the bundle built into the state dir, not under tsx.
      const launched = processesUsing(join(stateDir, 'bundles'));
      for (const name of Object.keys(defaultPorts)) expect(launched).toContain(`bundles/${name}.mjs`);
      expect(launched).not.toContain('tsx');
      expect(kubectl('apply', '-f', '-')).toContain('configmap/genoa-probe created');
      await releaseThroughGate(`http://127.0.0.1:${defaultPorts.gate + offset}`);

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

  it('keeps cluster state across a restart (kube sandbox snapshot in the state dir); GENOA_DEV=1 runs tsx', async () => {
    const stack = await startStack({ GENOA_DEV: '1' });
    try {
      expect(stack.output()).toContain('Genoa is up');
      const commandLines = descendants(stack.child.pid!).map((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '),
      );
      expect(commandLines.join('\n')).toMatch(/--import tsx \S+services\/gate\/src\/main\.ts/);
      expect(commandLines.join('\n')).not.toContain('bundles/');
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
