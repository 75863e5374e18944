import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ObjectApi } from './api/object-api.js';
import { ResourceRegistry } from './api/resources.js';
import type { RequestRecord } from './api/server.js';
import { createApiServer } from './api/server.js';
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import type { ClusterConfig } from './controllers/controller.js';
import { EventRecorder } from './controllers/events.js';
import type { FailureRule } from './controllers/failure-modes.js';
import { defaultFailureRules } from './controllers/failure-modes.js';
import { createControllers } from './controllers/index.js';
import { ControllerManager } from './controllers/manager.js';
import { bootstrap } from './bootstrap.js';
import { Store } from './store/store.js';

/** Options of {@link startKubeSandbox}. */
export interface KubeSandboxOptions {
  /** TCP port on 127.0.0.1 (0 or unset: any free port). */
  port?: number;
  host?: string;
  /** Load state from this file at start (if present) and save it on changes and at stop. */
  snapshotFile?: string;
  /** Write a kubeconfig pointing at the sandbox here. */
  kubeconfigPath?: string;
  /** Pod creation → Running+Ready delay (default 100 ms). */
  podReadyDelayMs?: number;
  /** Running → Succeeded delay for run-to-completion pods (default 200 ms). */
  podCompleteDelayMs?: number;
  /** Delay before a deleted pod disappears (default 50 ms). */
  podDeleteDelayMs?: number;
  /** Crash-loop restart interval (default 300 ms). */
  crashLoopIntervalMs?: number;
  /** Image rules selecting failure modes (default {@link defaultFailureRules}). */
  failureRules?: FailureRule[];
  /** Simulated node names (default `["sandbox-node"]`). */
  nodes?: string[];
  /** Watch events kept per resource for resume (default 5000). */
  historyLimit?: number;
  /** Clock for controllers and the kubelet (default wall clock). */
  clock?: Clock;
  /** Bookmark interval for watches that allow them (default 30 s). */
  bookmarkIntervalMs?: number;
  /** Server-side cap on a watch when the client sends no `timeoutSeconds` (default 1800 s). */
  watchTimeoutSeconds?: number;
  /** Request log hook. */
  onRequest?: (r: RequestRecord) => void;
}

/** A running sandbox. */
export interface KubeSandbox {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  kubeconfigPath?: string;
  store: Store;
  api: ObjectApi;
  /** Controller errors other than conflicts (diagnostics). */
  controllerErrors: ControllerManager['errors'];
  /** A kubeconfig (YAML) for this sandbox. */
  kubeconfig(): string;
  /** Forgets watch history so that older resourceVersions get 410 Gone. */
  compactHistory(): void;
  /** Stops the server and controllers; saves the snapshot if configured. */
  stop(): Promise<void>;
}

/** A kubeconfig (YAML) for a sandbox at `url`. */
export function kubeconfigFor(url: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: genoa-sandbox',
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'contexts:',
    '- name: genoa-sandbox',
    '  context:',
    '    cluster: genoa-sandbox',
    '    user: genoa-sandbox',
    '    namespace: default',
    'current-context: genoa-sandbox',
    'preferences: {}',
    'users:',
    '- name: genoa-sandbox',
    '  user: {}',
    '',
  ].join('\n');
}

/** Starts a Kubernetes API simulator (apiserver, controllers, kubelet) on loopback. */
export async function startKubeSandbox(options: KubeSandboxOptions = {}): Promise<KubeSandbox> {
  const clock = options.clock ?? realClock;
  const store = new Store(options.historyLimit ?? 5000);
  const resources = new ResourceRegistry();
  const api = new ObjectApi(store, resources, clock);
  const config: ClusterConfig = {
    podReadyDelayMs: options.podReadyDelayMs ?? 100,
    podCompleteDelayMs: options.podCompleteDelayMs ?? 200,
    podDeleteDelayMs: options.podDeleteDelayMs ?? 50,
    crashLoopIntervalMs: options.crashLoopIntervalMs ?? 300,
    failureRules: options.failureRules ?? defaultFailureRules,
    nodes: options.nodes ?? ['sandbox-node'],
  };
  const manager = new ControllerManager(createControllers(), {
    api,
    store,
    clock,
    config,
    events: new EventRecorder(api),
    type: (group, resource) => {
      const rt = resources.all().find((r) => r.group === group && r.resource === resource);
      if (!rt) throw new Error(`unknown resource ${group}/${resource}`);
      return rt;
    },
  });
  const restored = !!options.snapshotFile && existsSync(options.snapshotFile);
  if (restored) store.loadSnapshot(options.snapshotFile!);
  store.subscribe((e) => manager.onEvent(e));
  let saveTimer: NodeJS.Timeout | undefined;
  if (options.snapshotFile) {
    const file = options.snapshotFile;
    mkdirSync(dirname(file), { recursive: true });
    store.subscribe(() => {
      saveTimer ??= setTimeout(() => {
        saveTimer = undefined;
        store.saveSnapshot(file);
      }, 1000);
    });
  }
  if (!restored) bootstrap(api, config.nodes);
  else
    for (const rt of resources.all())
      for (const o of store.list(`${rt.group}/${rt.resource}`))
        manager.onEvent({
          type: 'ADDED',
          key: `${rt.group}/${rt.resource}`,
          object: o,
          rv: store.resourceVersion,
        });
  const server = createApiServer(api, {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 30_000,
    maxWatchSeconds: options.watchTimeoutSeconds ?? 1800,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  if (options.kubeconfigPath) {
    mkdirSync(dirname(options.kubeconfigPath), { recursive: true });
    writeFileSync(options.kubeconfigPath, kubeconfigFor(url));
  }
  return {
    url,
    port,
    ...(options.kubeconfigPath ? { kubeconfigPath: options.kubeconfigPath } : {}),
    store,
    api,
    controllerErrors: manager.errors,
    kubeconfig: () => kubeconfigFor(url),
    compactHistory: () => store.compact(),
    async stop() {
      manager.stop();
      if (saveTimer) clearTimeout(saveTimer);
      if (options.snapshotFile) store.saveSnapshot(options.snapshotFile);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
