/**
 * The local stack (`npm start`): Redis, the embedded S3 store, then the seven services in
 * dependency order, each waited for on /health; one line per service, the Deck URL, and Ctrl-C
 * stops everything in reverse order. External systems replace the embedded ones when configured:
 * REDIS_URL, S3_ENDPOINT (+ S3_ACCESS_KEY/S3_SECRET_KEY), KUBECONFIG (else the kube sandbox runs
 * and its kubeconfig is written to `<state>/kubeconfig`). State lives in GENOA_STATE_DIR
 * (default `.genoa/` in the repository); GENOA_PORT_OFFSET shifts every port.
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
import { startProcess, waitHealthy, type RunningService } from './supervisor.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const offset = Number(env.GENOA_PORT_OFFSET ?? 0);
const stateDir = env.GENOA_STATE_DIR ?? join(root, '.genoa');
const color = Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined;
const healthTimeoutMs = Number(env.GENOA_HEALTH_TIMEOUT_MS ?? 30_000);
/** A path for display: relative inside the repository, absolute outside it. */
const shown = (path: string) => (path.startsWith(root) ? relative(root, path) || '.' : path);
const say = (line: string) => process.stdout.write(`${line}\n`);
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[0m` : text);
const green = (text: string) => (color ? `\x1b[32m${text}\x1b[0m` : text);

const portOf = (name: ServiceName) => defaultPorts[name] + offset;
const urlOf = (name: ServiceName) => `http://127.0.0.1:${portOf(name)}`;
const entryOf = (name: ServiceName) =>
  name === 'deck'
    ? join(root, 'services', 'deck', 'server', 'main.ts')
    : join(root, 'services', name, 'src', 'main.ts');

const running: RunningService[] = [];
let redis: RedisHandle | undefined;
let s3: S3Handle | undefined;
let kube: KubeSandbox | undefined;
let kubeconfigPath: string | undefined;
let stopping: Promise<void> | undefined;

function internalSecret(): string {
  if (env.GENOA_INTERNAL_SECRET) return env.GENOA_INTERNAL_SECRET;
  const file = join(stateDir, 'internal-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

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
    const port = 9001 + offset;
    await assertPortFree(port, 's3');
    s3 = await startS3({ port, dataDir: join(stateDir, 's3'), ignoreEnv: true, detached: true });
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

function serviceEnv(name: ServiceName, secret: string): Record<string, string> {
  const vars: Record<string, string> = {
    ...(env as Record<string, string>),
    PORT: String(portOf(name)),
    HOST: '127.0.0.1',
    LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    GENOA_INTERNAL_SECRET: secret,
    ...infrastructureEnv(redis!, s3!),
    DECK_GATE_URL: urlOf('gate'),
    KUBECONFIG: kubeconfigPath!,
  };
  for (const other of Object.keys(defaultPorts) as ServiceName[])
    vars[`${other.toUpperCase()}_URL`] = urlOf(other);
  return vars;
}

async function startService(name: ServiceName, secret: string): Promise<void> {
  const started = performance.now();
  await assertPortFree(portOf(name), name);
  const service = startProcess({
    name,
    port: portOf(name),
    argv: [process.execPath, '--import', 'tsx', entryOf(name)],
    env: serviceEnv(name, secret),
    cwd: root,
    color,
    write: say,
  });
  running.push(service);
  void service.exited.then((code) => {
    if (!stopping)
      say(`${bold(`[${name}]`)} exited unexpectedly (code ${code}); the rest of the stack keeps running`);
  });
  await waitHealthy(`${urlOf(name)}/health`, service, healthTimeoutMs);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(`  ${green('✓')} ${name.padEnd(12)} ${urlOf(name).padEnd(30)} healthy in ${seconds} s`);
}

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    say('\nstopping Genoa…');
    for (const service of [...running].reverse()) await service.stop();
    await kube?.stop();
    await s3?.stop();
    await redis?.stop();
    say('stopped; no process left behind.');
  })();
  return stopping;
}

async function main(): Promise<void> {
  const began = performance.now();
  mkdirSync(stateDir, { recursive: true });
  say(bold(`Genoa local stack (state in ${shown(stateDir)})`));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stopAll().then(() => process.exit(0)));
  }
  const deckDir = join(root, 'services', 'deck');
  const deckBundle = deckBundleIsStale(deckDir) ? buildDeckBundle(deckDir) : Promise.resolve();
  deckBundle.catch(() => undefined);
  await startInfrastructure();
  const secret = internalSecret();
  for (const tier of startTiers) {
    if (tier.includes('deck')) await deckBundle;
    await Promise.all(tier.map((name) => startService(name, secret)));
  }
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  say(`\n${bold('Genoa is up')} in ${seconds} s.`);
  say(`  Deck (web UI): ${bold(urlOf('deck'))}`);
  say(`  Gate (API):    ${urlOf('gate')}`);
  say(`  Kubernetes:    kubectl --kubeconfig ${shown(kubeconfigPath!)} get pods -A`);
  say('Press Ctrl-C to stop everything.');
}

main().catch(async (err: unknown) => {
  say(`\ngenoa: could not start the stack: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  process.exit(1);
});
