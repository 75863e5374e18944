/**
 * The local stack as a library: Redis, the embedded S3 store, the kube sandbox (each unless an
 * external one is configured), then the seven services in dependency order, each waited for on
 * /health. `main.ts` (`npm start`) is its command line; the benchmarks, the fault injection, the
 * soak and the end-to-end scenarios start the very same stack through {@link startLocalStack} and
 * use the handle to kill, restart and measure its parts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, startTiers, type ServiceName } from '@genoa/shared';
import {
  hasRedisServer,
  infrastructureEnv,
  startKubeSandbox,
  type KubeSandbox,
  REDIS_INSTALL_HINT,
  startRedis,
  startS3,
  type RedisHandle,
  type S3Handle,
} from '@genoa/testing';
import { buildDeckBundle, deckBundleIsStale } from './deck-bundle.js';
import { assertPortFree } from './ports.js';
import { buildServiceBundles, bundleOf } from './service-bundles.js';
import { startProcess, waitHealthy, type RunningService } from './supervisor.js';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Options of {@link startLocalStack}; every field has the `npm start` default. */
export interface LocalStackOptions {
  /** Environment the services inherit (and REDIS_URL / S3_ENDPOINT / KUBECONFIG are read from). */
  env?: Record<string, string | undefined>;
  /** Variables set for every service on top of `env` (e.g. `ORCA_RETENTION_MAX_PER_PIPELINE`). */
  serviceEnv?: Record<string, string>;
  /** Variables for one service only, on top of `serviceEnv` (e.g. igor's `IGOR_JENKINS_MASTERS`). */
  envOf?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Where Redis, S3 and sandbox data, the kubeconfig and the internal secret live (`.genoa/`). */
  stateDir?: string;
  /** Shifts every port (GENOA_PORT_OFFSET). */
  portOffset?: number;
  /** Per-service /health deadline (GENOA_HEALTH_TIMEOUT_MS, 30 s). */
  healthTimeoutMs?: number;
  /** Where the stack's and the services' lines go (stdout). */
  write?: (line: string) => void;
  color?: boolean;
  /** Services to start (all seven by default, in `startTiers` order). */
  services?: readonly ServiceName[];
  /** Aborting stops whatever was started so far; the returned promise then rejects. */
  signal?: AbortSignal;
}

/** A running local stack. */
export interface LocalStack {
  readonly stateDir: string;
  readonly kubeconfigPath: string;
  readonly redis: RedisHandle;
  readonly s3: S3Handle;
  readonly kube: KubeSandbox | undefined;
  /** Seconds from the call to every service healthy. */
  readonly startSeconds: number;
  portOf(name: ServiceName): number;
  urlOf(name: ServiceName): string;
  /** The running process of a service. */
  service(name: ServiceName): RunningService;
  /** `kill -9` a service, start it again with the same environment and wait for its /health. */
  restartService(name: ServiceName, options?: { signal?: NodeJS.Signals; downMs?: number }): Promise<void>;
  /** SIGKILL the embedded Redis and start it again on the same port and AOF directory. */
  restartRedis(): Promise<void>;
  /** Stops the embedded S3 store (its port refuses connections) until {@link LocalStack.startS3}. */
  stopS3(): Promise<void>;
  /** Starts the embedded S3 store again on the same port and data directory. */
  startS3(): Promise<void>;
  /** Stops the services in reverse order, then the sandbox, S3 and Redis. */
  stop(): Promise<void>;
}

const portsOf = (offset: number) => (name: ServiceName) => defaultPorts[name] + offset;

const entryOf = (name: ServiceName) =>
  name === 'deck'
    ? join(repoRoot, 'services', 'deck', 'server', 'main.ts')
    : join(repoRoot, 'services', name, 'src', 'main.ts');

/**
 * How a service is launched: its bundle (see service-bundles.ts), or its sources under tsx
 * (GENOA_DEV=1). Not with --enable-source-maps: Node then keeps each bundle's parsed ≈ 8 MB map
 * in memory (≈ 20 MB RSS per service measured); the bundle is not minified, so a stack trace
 * names the function and a line with the source path in a comment above it. Set
 * NODE_OPTIONS=--enable-source-maps (inherited by the services) for traces in .ts lines.
 */
const argvOf = (name: ServiceName, bundleDir: string | undefined) =>
  bundleDir
    ? [process.execPath, bundleOf(bundleDir, name)]
    : [process.execPath, '--import', 'tsx', entryOf(name)];

/** A path for display: relative inside the repository, absolute outside it. */
export const shown = (path: string) => (path.startsWith(repoRoot) ? relative(repoRoot, path) || '.' : path);

function internalSecret(env: Record<string, string | undefined>, stateDir: string): string {
  if (env.GENOA_INTERNAL_SECRET) return env.GENOA_INTERNAL_SECRET;
  const file = join(stateDir, 'internal-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Starts the stack. On failure, whatever was started is stopped again before the error is thrown.
 * A service that exits on its own is reported through `write` and left down.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const offset = options.portOffset ?? Number(env.GENOA_PORT_OFFSET ?? 0);
  const stateDir = options.stateDir ?? env.GENOA_STATE_DIR ?? join(repoRoot, '.genoa');
  const healthTimeoutMs = options.healthTimeoutMs ?? Number(env.GENOA_HEALTH_TIMEOUT_MS ?? 30_000);
  const say = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const color = options.color ?? false;
  const green = (text: string) => (color ? `\x1b[32m${text}\x1b[0m` : text);
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text);
  const portOf = portsOf(offset);
  const urlOf = (name: ServiceName) => `http://127.0.0.1:${portOf(name)}`;
  const wanted = new Set(options.services ?? startTiers.flat());
  const bundleDir = env.GENOA_DEV === '1' ? undefined : join(stateDir, 'bundles');

  const began = performance.now();
  mkdirSync(stateDir, { recursive: true });
  const running = new Map<ServiceName, RunningService>();
  const restarting = new Set<ServiceName>();
  let redis: RedisHandle | undefined;
  let s3: S3Handle | undefined;
  let s3Down = false;
  let kube: KubeSandbox | undefined;
  let kubeconfigPath = '';
  let stopping: Promise<void> | undefined;

  const s3Options = { port: 9001 + offset, dataDir: join(stateDir, 's3'), ignoreEnv: true, detached: true };

  async function startInfrastructure(): Promise<void> {
    if (env.REDIS_URL) {
      redis = await startRedis();
      say(`  ${'redis'.padEnd(12)} ${redis.url.padEnd(30)} external (REDIS_URL)`);
    } else {
      if (!hasRedisServer()) throw new Error(REDIS_INSTALL_HINT);
      const port = 6390 + offset;
      await assertPortFree(port, 'redis');
      redis = await startRedis({ port, dataDir: join(stateDir, 'redis'), ignoreEnv: true, detached: true });
      say(`  ${'redis'.padEnd(12)} ${redis.url.padEnd(30)} redis-server, AOF in ${shown(stateDir)}/redis`);
    }
    if (env.S3_ENDPOINT) {
      s3 = await startS3();
      say(`  ${'s3'.padEnd(12)} ${s3.endpoint.padEnd(30)} external (S3_ENDPOINT)`);
    } else {
      await assertPortFree(s3Options.port, 's3');
      s3 = await startS3(s3Options);
      say(`  ${'s3'.padEnd(12)} ${s3.endpoint.padEnd(30)} embedded S3 store, data in ${shown(stateDir)}/s3`);
    }
    if (env.KUBECONFIG) {
      kubeconfigPath = env.KUBECONFIG;
      say(
        `  ${'kubernetes'.padEnd(12)} ${'(KUBECONFIG)'.padEnd(30)} your cluster, kubeconfig ${kubeconfigPath}`,
      );
    } else {
      const port = 6443 + offset;
      await assertPortFree(port, 'kube sandbox');
      kubeconfigPath = join(stateDir, 'kubeconfig');
      kube = await startKubeSandbox({
        port,
        kubeconfigPath,
        snapshotFile: join(stateDir, 'kube-sandbox.json'),
        podReadyDelayMs: 500,
      });
      say(
        `  ${'kubernetes'.padEnd(12)} ${kube.url.padEnd(30)} kube sandbox, kubeconfig ${shown(kubeconfigPath)}`,
      );
    }
  }

  let secret = '';
  function serviceEnv(name: ServiceName): Record<string, string> {
    const vars: Record<string, string> = {
      ...(env as Record<string, string>),
      PORT: String(portOf(name)),
      HOST: '127.0.0.1',
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      GENOA_INTERNAL_SECRET: secret,
      ...infrastructureEnv(redis!, s3!),
      DECK_GATE_URL: urlOf('gate'),
      KUBECONFIG: kubeconfigPath,
      // deck's server finds the SPA beside its own file; a bundle in the state dir is not there.
      ...(bundleDir && name === 'deck'
        ? { DECK_DIST_DIR: env.DECK_DIST_DIR ?? join(repoRoot, 'services', 'deck', 'dist') }
        : {}),
      ...options.serviceEnv,
      ...options.envOf?.[name],
    };
    for (const other of Object.keys(defaultPorts) as ServiceName[])
      vars[`${other.toUpperCase()}_URL`] = urlOf(other);
    return vars;
  }

  async function startService(name: ServiceName): Promise<void> {
    const started = performance.now();
    await assertPortFree(portOf(name), name);
    const service = startProcess({
      name,
      port: portOf(name),
      argv: argvOf(name, bundleDir),
      env: serviceEnv(name),
      cwd: repoRoot,
      color,
      write: say,
    });
    running.set(name, service);
    void service.exited.then((code) => {
      if (!stopping && !restarting.has(name))
        say(`${bold(`[${name}]`)} exited unexpectedly (code ${code}); the rest of the stack keeps running`);
    });
    await waitHealthy(`${urlOf(name)}/health`, service, healthTimeoutMs);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(`  ${green('✓')} ${name.padEnd(12)} ${urlOf(name).padEnd(30)} healthy in ${seconds} s`);
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      for (const service of [...running.values()].reverse()) await service.stop();
      process.removeListener('exit', killLeftovers);
      await kube?.stop();
      if (!s3Down) await s3?.stop();
      await redis?.stop();
    })();
    return stopping;
  }

  // Should the owner exit without stopping the stack (a test runner torn down, an uncaught error),
  // take the service processes along: they run in their own process groups and would linger.
  const killLeftovers = () => {
    for (const service of running.values())
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
  };
  process.once('exit', killLeftovers);
  const abort = () => void stop();
  options.signal?.addEventListener('abort', abort, { once: true });
  const checkAborted = () => {
    if (options.signal?.aborted) throw new Error('the stack start was aborted');
  };
  try {
    checkAborted();
    const deckDir = join(repoRoot, 'services', 'deck');
    const deckBundle =
      wanted.has('deck') && deckBundleIsStale(deckDir) ? buildDeckBundle(deckDir) : Promise.resolve();
    deckBundle.catch(() => undefined);
    const serviceBundles = bundleDir ? buildServiceBundles([...wanted], bundleDir) : Promise.resolve();
    serviceBundles.catch(() => undefined);
    await startInfrastructure();
    await serviceBundles;
    secret = internalSecret(env, stateDir);
    for (const tier of startTiers) {
      checkAborted();
      const names = tier.filter((name) => wanted.has(name));
      if (names.includes('deck')) await deckBundle;
      await Promise.all(names.map((name) => startService(name)));
    }
    checkAborted();
  } catch (err) {
    await stop();
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  const startSeconds = (performance.now() - began) / 1000;
  const serviceOf = (name: ServiceName): RunningService => {
    const service = running.get(name);
    if (!service) throw new Error(`${name} is not part of this stack`);
    return service;
  };

  return {
    stateDir,
    kubeconfigPath,
    redis: redis!,
    s3: s3!,
    kube,
    startSeconds,
    portOf,
    urlOf,
    service: serviceOf,
    async restartService(name, restartOptions = {}) {
      const service = serviceOf(name);
      restarting.add(name);
      try {
        if (service.child.exitCode === null && service.child.signalCode === null) {
          service.child.kill(restartOptions.signal ?? 'SIGKILL');
          await service.exited;
        }
        if (restartOptions.downMs) await new Promise((r) => setTimeout(r, restartOptions.downMs));
        await startService(name);
      } finally {
        restarting.delete(name);
      }
    },
    async restartRedis() {
      if (!redis?.restart) throw new Error('Redis is external (REDIS_URL): it cannot be restarted here');
      await redis.restart();
    },
    async stopS3() {
      if (s3?.kind !== 'process') throw new Error('S3 is external (S3_ENDPOINT): it cannot be stopped here');
      await s3.stop();
      s3Down = true;
    },
    async startS3() {
      if (!s3Down) return;
      s3 = await startS3(s3Options);
      s3Down = false;
    },
    stop,
  };
}

/**
 * {@link startLocalStack} for a command-line tool: Ctrl-C (SIGINT) or SIGTERM, while the stack
 * starts or later, stops it and exits with 130.
 */
export async function startLocalStackForCli(options: LocalStackOptions): Promise<LocalStack> {
  const interrupted = new AbortController();
  const started: { stack?: LocalStack } = {};
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      interrupted.abort();
      void (started.stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  started.stack = await startLocalStack({ ...options, signal: interrupted.signal });
  return started.stack;
}
