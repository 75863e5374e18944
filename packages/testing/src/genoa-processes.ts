import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, startTiers, type ServiceName } from '@genoa/shared';
import { freePort } from './ports.js';
import { spawnManaged, waitForHealthy, type ManagedProcess } from './processes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Options for {@link startGenoaProcesses}. */
export interface StartGenoaProcessesOptions {
  /** The services to run (deck is not supported: it needs a bundle). */
  services: readonly Exclude<ServiceName, 'deck'>[];
  /** Environment of every service (infrastructure, internal secret…). */
  env: Record<string, string>;
  /** Extra environment per service. */
  perService?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Ports chosen beforehand (e.g. gate's, to point a registry's notifications at it). */
  ports?: Partial<Record<ServiceName, number>>;
  /** How long each service may take to answer `/health` (default 90 s). */
  healthTimeoutMs?: number;
}

/** Genoa services running as their real processes (`services/<name>/src/main.ts` under tsx). */
export interface GenoaProcesses {
  url(name: ServiceName): string;
  process(name: ServiceName): ManagedProcess;
  stop(): Promise<void>;
}

/**
 * Starts Genoa services as separate processes on free ports, all at once, then waits for their
 * `/health` tier by tier (the local stack's order); every service gets every other's `<NAME>_URL`.
 */
export async function startGenoaProcesses(options: StartGenoaProcessesOptions): Promise<GenoaProcesses> {
  const ports = new Map<ServiceName, number>();
  for (const name of Object.keys(defaultPorts) as ServiceName[])
    ports.set(name, options.ports?.[name] ?? (await freePort()));
  const url = (name: ServiceName) => `http://127.0.0.1:${ports.get(name)}`;
  const urls = Object.fromEntries([...ports.keys()].map((n) => [`${n.toUpperCase()}_URL`, url(n)]));
  const running = new Map<ServiceName, ManagedProcess>();
  const stop = async () => {
    await Promise.all([...running.values()].map((p) => p.stop()));
  };
  try {
    // All spawned at once (their start-up work overlaps), then waited for tier by tier.
    for (const name of options.services) {
      const proc = spawnManaged(
        process.execPath,
        ['--import', 'tsx', join(root, `services/${name}/src/main.ts`)],
        {
          cwd: root,
          env: {
            ...process.env,
            LOG_LEVEL: 'warn',
            ...urls,
            ...options.env,
            ...options.perService?.[name],
            PORT: String(ports.get(name)),
            HOST: '127.0.0.1',
          },
        },
      );
      running.set(name, proc);
    }
    for (const tier of startTiers)
      await Promise.all(
        tier
          .filter((n) => running.has(n))
          .map((n) => waitForHealthy(`${url(n)}/health`, running.get(n)!, options.healthTimeoutMs ?? 90_000)),
      );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    process: (name) => {
      const proc = running.get(name);
      if (!proc) throw new Error(`${name} is not running`);
      return proc;
    },
    stop,
  };
}
