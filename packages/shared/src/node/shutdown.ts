import type { Logger } from 'pino';

/**
 * Shutdown phases, run in this order: stop taking HTTP traffic and drain it, stop queue workers
 * (they finish their current job), close clients, then close connections (Redis last).
 */
export const SHUTDOWN_PHASES = ['http', 'workers', 'clients', 'connections'] as const;
/** See {@link SHUTDOWN_PHASES}. */
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

/** Graceful shutdown for one process: ordered closers, a deadline, signal handling. */
export interface Shutdown {
  /** Adds a closer to a phase; closers within a phase run concurrently. */
  register(phase: ShutdownPhase, name: string, close: () => Promise<void> | void): void;
  /** True once shutdown has begun (readiness reports DOWN from then on). */
  readonly shuttingDown: boolean;
  /** Runs every phase in order; resolves when all closers have finished or failed. */
  run(reason: string): Promise<void>;
  /** SIGTERM/SIGINT start {@link run}; the process exits 0 when done, or 1 past the deadline. */
  installSignalHandlers(exit?: (code: number) => void): void;
}

/** Creates a {@link Shutdown} whose whole run must end within `timeoutMs`. */
export function createShutdown(logger: Logger, timeoutMs: number): Shutdown {
  const closers = new Map<ShutdownPhase, { name: string; close: () => Promise<void> | void }[]>();
  let running: Promise<void> | undefined;
  const state = { shuttingDown: false };

  const run = (reason: string): Promise<void> => {
    running ??= (async () => {
      state.shuttingDown = true;
      const started = performance.now();
      logger.info({ reason }, 'shutdown started');
      for (const phase of SHUTDOWN_PHASES) {
        await Promise.all(
          (closers.get(phase) ?? []).map(async ({ name, close }) => {
            try {
              await close();
            } catch (err) {
              logger.warn({ err, phase, closer: name }, 'closer failed during shutdown');
            }
          }),
        );
      }
      logger.info({ durationMs: Math.round(performance.now() - started) }, 'shutdown complete');
    })();
    return running;
  };

  return {
    register(phase, name, close) {
      const list = closers.get(phase) ?? [];
      list.push({ name, close });
      closers.set(phase, list);
    },
    get shuttingDown() {
      return state.shuttingDown;
    },
    run,
    installSignalHandlers(exit = (code) => process.exit(code)) {
      const onSignal = (signal: NodeJS.Signals) => {
        if (state.shuttingDown) return;
        const timer = setTimeout(() => {
          logger.error({ timeoutMs }, 'shutdown deadline passed; exiting');
          exit(1);
        }, timeoutMs);
        timer.unref();
        void run(signal).then(() => {
          clearTimeout(timer);
          logger.flush?.();
          exit(0);
        });
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
  };
}
