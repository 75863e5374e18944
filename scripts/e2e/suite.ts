/**
 * The end-to-end scenarios' world: the whole local stack, started by the same code as `npm start`
 * (scripts/local-stack/stack.ts) on its own ports and state directory, and a client that talks to
 * gate only. Each scenario file starts one suite in `beforeAll` and stops it in `afterAll`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../local-stack/stack.js';

/**
 * A JSON document read from the wire. Scenarios assert its shape with `expect`, so it is typed as
 * loosely as JSON is.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A started suite and a gate client. */
export interface Suite {
  stack: LocalStack;
  gate: string;
  /** One JSON call to gate. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** The stack's and services' output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the suite with extra service environment (receivers, allow-lists, short intervals). */
export async function startSuite(serviceEnv: Record<string, string> = {}): Promise<Suite> {
  const stateDir = mkdtempSync(join(tmpdir(), 'genoa-e2e-'));
  let log = '';
  const stack = await startLocalStack({
    stateDir,
    portOffset: 35_000 + Math.floor(Math.random() * 5_000),
    env: { ...process.env, LOG_LEVEL: 'warn' },
    serviceEnv,
    write: (line) => {
      log = (log + line + '\n').slice(-20_000);
    },
  }).catch((err: unknown) => {
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`the suite did not start: ${(err as Error).message}\n${log}`);
  });
  const gate = stack.urlOf('gate');
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
        // keep the text
      }
      return { status: response.status, body: parsed };
    },
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
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Creates an application through gate (`POST /tasks` createApplication) and waits for it. */
export async function createApplication(suite: Suite, name: string): Promise<void> {
  const task = await suite.call('POST', '/tasks', {
    application: name,
    description: `Create Application: ${name}`,
    job: [{ type: 'createApplication', application: { name, email: 'team@example.com' }, user: 'alice' }],
  });
  if (task.status !== 200) throw new Error(`create application answered ${task.status}`);
  const id = String(task.body.ref).split('/')[2];
  const done = await eventually(
    () => suite.call('GET', `/tasks/${id}`),
    (r) => r.body.status === 'SUCCEEDED' || r.body.status === 'TERMINAL',
  );
  if (done.body.status !== 'SUCCEEDED') throw new Error(`create application ended ${done.body.status}`);
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
