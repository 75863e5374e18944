import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeSandbox } from '../sandbox.js';

/** The outcome of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr. */
  out: string;
}

/** Runs the real kubectl against a sandbox with its own fresh `--cache-dir` (test helper). */
export class Kubectl {
  readonly dir: string;
  private readonly kubeconfig: string;
  private readonly cacheDir: string;

  constructor(sandbox: KubeSandbox) {
    this.dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
    this.kubeconfig = join(this.dir, 'kubeconfig');
    this.cacheDir = join(this.dir, 'cache');
    writeFileSync(this.kubeconfig, sandbox.kubeconfig());
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args];
  }

  /** Runs `kubectl args…` (optionally with stdin) and resolves with its output and exit code. */
  run(args: string[], stdin?: string, timeoutMs = 60_000): Promise<KubectlResult> {
    return new Promise((resolve) => {
      const child = execFile(
        '/usr/bin/kubectl',
        this.args(args),
        { timeout: timeoutMs, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr, out: stdout + stderr });
        },
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  }

  /** Runs kubectl and parses its JSON stdout (`-o json` is added). */
  async json<T = Record<string, unknown>>(args: string[]): Promise<T> {
    const r = await this.run([...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.out}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Writes a manifest into the work dir and returns its path. */
  file(name: string, content: string): string {
    const p = join(this.dir, name);
    writeFileSync(p, content);
    return p;
  }

  /** Starts a long-running kubectl (e.g. `get -w`); returns live output and a stop function. */
  stream(args: string[]): { output: () => string; stop: () => void } {
    const child = spawn('/usr/bin/kubectl', this.args(args));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    return { output: () => out, stop: () => child.kill('SIGTERM') };
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  timeoutMs = 15_000,
  stepMs = 50,
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Exclude<T, false | 0 | '' | null | undefined>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** A Deployment manifest (YAML). */
export function deploymentYaml(
  name: string,
  image: string,
  extra: { replicas?: number; spec?: string; labels?: string } = {},
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${extra.replicas ?? 3}
${extra.spec ?? ''}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}${extra.labels ?? ''}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;
}
