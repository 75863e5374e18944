/**
 * The world of the whole-suite scenarios: the local stack started exactly as `npm start` starts it
 * (scripts/local-stack/main.ts, with the kube sandbox) on its own ports and state directory, a JSON
 * client that talks to gate only, and kubectl against the sandbox through the kubeconfig the stack
 * wrote.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts } from '@genoa/shared';
import { spawnManaged } from '@genoa/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A JSON document read from the wire; scenarios assert its shape with `expect`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A running local stack and its clients. */
export interface FullStack {
  gate: string;
  /** One JSON call to gate. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** kubectl against the stack's kube sandbox; returns stdout. */
  kubectl(...args: string[]): string;
  /** `kubectl get … -o json`, parsed. */
  kubeJson(...args: string[]): Json;
  /** The launcher's output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Port offsets for a scenario's stack: every port (6390 … 9001 + offset) stays below the kernel's
 * ephemeral range (32768+), so no other test's client socket or `freePort` takes one.
 */
const randomOffset = () => 10_000 + Math.floor(Math.random() * 12_000);

/** Starts `npm start`'s launcher with `env` added to every service's environment; waits for "Genoa is up". */
export async function startFullStack(env: Record<string, string> = {}): Promise<FullStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(env, randomOffset());
    } catch (err) {
      // another stack (a parallel scenario file) holds one of these ports: shift and try again
      if (attempt >= 3 || !/is already in use/.test((err as Error).message)) throw err;
    }
  }
}

async function launch(env: Record<string, string>, offset: number): Promise<FullStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-e2e-'));
  const launcher = spawnManaged(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/local-stack/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        GENOA_STATE_DIR: stateDir,
        GENOA_PORT_OFFSET: String(offset),
        GENOA_HEALTH_TIMEOUT_MS: '90000',
        LOG_LEVEL: 'warn',
        ...env,
      },
    },
  );
  const stop = async () => {
    if (launcher.child.exitCode === null) launcher.child.kill('SIGINT');
    await Promise.race([launcher.exited, new Promise((r) => setTimeout(r, 30_000))]);
    await launcher.stop(0);
    rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (!launcher.output().includes('Genoa is up')) {
    if (Date.now() > deadline || launcher.child.exitCode !== null) {
      const output = launcher.output();
      await stop();
      throw new Error(`the local stack did not come up:\n${output.slice(-5_000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const gate = `http://127.0.0.1:${defaultPorts.gate + offset}`;
  const kubectl = (...args: string[]) =>
    execFileSync(
      'kubectl',
      ['--kubeconfig', join(stateDir, 'kubeconfig'), '--cache-dir', join(stateDir, 'kubectl-cache'), ...args],
      { encoding: 'utf8' },
    );
  return {
    gate,
    async call(method, path, body) {
      const response = await fetch(gate + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed };
    },
    kubectl,
    kubeJson: (...args) => JSON.parse(kubectl('get', ...args, '-o', 'json')) as Json,
    output: () => launcher.output(),
    stop,
  };
}

/** Polls `read` until `done` accepts its value; returns the last value after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs a task (orchestration) through gate's `POST /tasks` and waits for it to finish. */
export async function runTask(stack: FullStack, application: string, job: Record<string, unknown>[]) {
  const started = await stack.call('POST', '/tasks', { application, description: job[0]?.type, job });
  if (started.status !== 200)
    throw new Error(`POST /tasks answered ${started.status}: ${JSON.stringify(started.body)}`);
  const id = String(started.body.ref).split('/').pop();
  const done = await eventually(
    () => stack.call('GET', `/tasks/${id}`),
    (r) => ['SUCCEEDED', 'TERMINAL', 'CANCELED'].includes(r.body.status),
  );
  return done.body as Json;
}

/** Creates an application through gate (a createApplication task). */
export async function createApplication(stack: FullStack, name: string): Promise<void> {
  const task = await runTask(stack, name, [
    { type: 'createApplication', application: { name, email: 'team@example.com' }, user: 'e2e' },
  ]);
  if (task.status !== 'SUCCEEDED') throw new Error(`createApplication ${name}: ${JSON.stringify(task)}`);
}

/** Saves a pipeline through gate; returns its id. */
export async function savePipeline(stack: FullStack, pipeline: Record<string, unknown>): Promise<string> {
  const saved = await stack.call('POST', '/pipelines', pipeline);
  if (saved.status !== 200)
    throw new Error(`POST /pipelines answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  const listed = await stack.call('GET', `/applications/${String(pipeline.application)}/pipelineConfigs`);
  const config = (listed.body as Json[]).find((p) => p.name === pipeline.name);
  if (!config?.id) throw new Error(`pipeline ${String(pipeline.name)} not listed after saving`);
  return config.id as string;
}

/** The executions of an application, newest first (gate's `/applications/{app}/pipelines`). */
export async function executionsOf(stack: FullStack, application: string): Promise<Json[]> {
  const r = await stack.call('GET', `/applications/${application}/pipelines?limit=20`);
  return Array.isArray(r.body) ? (r.body as Json[]) : [];
}
