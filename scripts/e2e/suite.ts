/**
 * The end-to-end scenarios' world: the whole local stack with the kube sandbox, started by the
 * same code as `npm start` (scripts/local-stack/stack.ts) on its own ports and state directory; a
 * JSON client that talks to gate only; and kubectl against the sandbox through the kubeconfig the
 * stack wrote. Each scenario file starts one suite in `beforeAll` and stops it in `afterAll`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { ServiceName } from '@genoa/shared';
import { startLocalStack, type LocalStack } from '../local-stack/stack.js';

/** A JSON document read from the wire; scenarios assert its shape with `expect`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A started suite and its clients. */
export interface Suite {
  stack: LocalStack;
  gate: string;
  /** One JSON call to gate. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /**
   * kubectl against the stack's kube sandbox; resolves with stdout. Asynchronous: the sandbox runs
   * in this process and must keep answering while kubectl waits.
   */
  kubectl(...args: string[]): Promise<string>;
  /** `kubectl get … -o json`, parsed. */
  kubeJson(...args: string[]): Promise<Json>;
  /** The stack's and services' output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/**
 * A port offset for a scenario's stack: every port (6390 … 9001 + offset) stays below the kernel's
 * ephemeral range (32768+), so no other test's client socket or `freePort` takes one.
 */
const randomOffset = () => 10_000 + Math.floor(Math.random() * 12_000);

/**
 * Starts the suite with `serviceEnv` added to every service's environment (receivers, allow-lists,
 * short intervals) and `envOf` to one service's. Retries on other ports when a parallel scenario
 * file's stack holds one.
 */
export async function startSuite(
  serviceEnv: Record<string, string> = {},
  envOf: Partial<Record<ServiceName, Record<string, string>>> = {},
): Promise<Suite> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(serviceEnv, envOf, randomOffset());
    } catch (err) {
      if (attempt >= 3 || !/is already in use/.test((err as Error).message)) throw err;
    }
  }
}

async function launch(
  serviceEnv: Record<string, string>,
  envOf: Partial<Record<ServiceName, Record<string, string>>>,
  portOffset: number,
): Promise<Suite> {
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-e2e-'));
  let log = '';
  const stack = await startLocalStack({
    stateDir,
    portOffset,
    healthTimeoutMs: 90_000,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    serviceEnv,
    envOf,
    write: (line) => {
      log = (log + line + '\n').slice(-20_000);
    },
  }).catch((err: unknown) => {
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`the suite did not start: ${(err as Error).message}\n${log}`);
  });
  const gate = stack.urlOf('gate');
  const kubectl = async (...args: string[]) =>
    (
      await run(
        'kubectl',
        ['--kubeconfig', stack.kubeconfigPath, '--cache-dir', join(stateDir, 'kubectl-cache'), ...args],
        { encoding: 'utf8' },
      )
    ).stdout;
  return {
    stack,
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
    kubeJson: async (...args) => JSON.parse(await kubectl('get', ...args, '-o', 'json')) as Json,
    output: () => log,
    async stop() {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
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
export async function runTask(suite: Suite, application: string, job: Record<string, unknown>[]) {
  const started = await suite.call('POST', '/tasks', { application, description: job[0]?.type, job });
  if (started.status !== 200)
    throw new Error(`POST /tasks answered ${started.status}: ${JSON.stringify(started.body)}`);
  const id = String(started.body.ref).split('/').pop();
  const done = await eventually(
    () => suite.call('GET', `/tasks/${id}`),
    (r) => ['SUCCEEDED', 'TERMINAL', 'CANCELED'].includes(r.body.status),
  );
  return done.body as Json;
}

/** Creates an application through gate (a createApplication task) and waits for it. */
export async function createApplication(suite: Suite, name: string): Promise<void> {
  const task = await runTask(suite, name, [
    { type: 'createApplication', application: { name, email: 'team@example.com' }, user: 'e2e' },
  ]);
  if (task.status !== 'SUCCEEDED') throw new Error(`createApplication ${name}: ${JSON.stringify(task)}`);
}

/** Saves a pipeline through gate and returns its stored config (with the id front50 gave it). */
export async function savePipeline(
  suite: Suite,
  pipeline: { application: string; name: string } & Record<string, unknown>,
): Promise<{ id: string } & Record<string, unknown>> {
  const saved = await suite.call('POST', '/pipelines', pipeline);
  if (saved.status !== 200)
    throw new Error(`saving ${pipeline.name} answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  const stored = await suite.call(
    'GET',
    `/applications/${pipeline.application}/pipelineConfigs/${encodeURIComponent(pipeline.name)}`,
  );
  if (stored.status !== 200) throw new Error(`reading ${pipeline.name} back answered ${stored.status}`);
  return stored.body;
}

/** The executions of an application, newest first (gate's `/applications/{app}/pipelines`). */
export async function executionsOf(suite: Suite, application: string): Promise<Json[]> {
  const r = await suite.call('GET', `/applications/${application}/pipelines?limit=20`);
  return Array.isArray(r.body) ? (r.body as Json[]) : [];
}
