import { randomUUID } from 'node:crypto';
import type { Logger } from '@genoa/shared/node';
import type { RedisBuildStore } from '../adapters/build-store.js';
import type { CommitResult, PollingMonitor } from './define-monitor.js';

/** The outcome of polling one partition. */
export interface PartitionOutcome {
  monitor: string;
  partition: string;
  status: 'committed' | 'locked' | 'overThreshold' | 'failed';
  eventsSent: number;
  durationMs: number;
}

/**
 * Runs polling monitors: every interval, each partition under a Redis lease (held for the interval,
 * renewed while a long cycle runs), so replicas split the masters and never poll one twice at once.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly owner = randomUUID();

  constructor(
    private readonly monitors: readonly PollingMonitor<unknown>[],
    private readonly store: RedisBuildStore,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Finds a monitor by name. */
  monitor(name: string): PollingMonitor<unknown> | undefined {
    return this.monitors.find((m) => m.name === name);
  }

  /** Polls every partition of every monitor once (partitions whose lease is held elsewhere are skipped). */
  async pollAll(): Promise<PartitionOutcome[]> {
    const work = this.monitors.map(async (m) => {
      let partitions: string[];
      try {
        partitions = await m.partitions();
      } catch (err) {
        this.logger.warn({ err, monitor: m.name }, 'poll partitions unavailable');
        return [];
      }
      return Promise.all(partitions.map((p) => this.pollPartition(m, p)));
    });
    return (await Promise.all(work)).flat();
  }

  /** Polls one partition under its lease. `sendEvents: false` fast-forwards the cursors. */
  async pollPartition(
    monitor: PollingMonitor<unknown>,
    partition: string,
    sendEvents = true,
  ): Promise<PartitionOutcome> {
    const started = performance.now();
    const lease = `${monitor.name}.${partition}`;
    const outcome = (status: PartitionOutcome['status'], result?: CommitResult): PartitionOutcome => ({
      monitor: monitor.name,
      partition,
      status,
      eventsSent: result?.eventsSent ?? 0,
      durationMs: Math.round(performance.now() - started),
    });
    if (!(await this.store.acquire(lease, this.owner, this.intervalMs))) return outcome('locked');
    const renew = setInterval(
      () => void this.store.extend(lease, this.owner, this.intervalMs).catch(() => {}),
      Math.max(50, this.intervalMs / 3),
    );
    try {
      const delta = await monitor.generateDelta(partition);
      const count = monitor.eventCount(delta);
      if (sendEvents && count > monitor.threshold(partition)) {
        this.logger.error(
          { monitor: monitor.name, partition, count, threshold: monitor.threshold(partition) },
          'poll delta over threshold, not committed',
        );
        return outcome('overThreshold');
      }
      const result = await monitor.commitDelta(partition, delta, { sendEvents });
      this.logger.debug({ monitor: monitor.name, partition, ...result }, 'poll cycle committed');
      return outcome('committed', result);
    } catch (err) {
      // Let another replica (or the next tick) retry at once.
      await this.store.release(lease, this.owner).catch(() => {});
      this.logger.warn({ err, monitor: monitor.name, partition }, 'poll cycle failed');
      return outcome('failed');
    } finally {
      clearInterval(renew);
    }
  }

  /** Starts polling every interval (first cycle at once). */
  start(): void {
    const tick = () => {
      if (this.running) return;
      this.running = this.pollAll().finally(() => (this.running = undefined));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
  }

  /** Stops the schedule and waits for a cycle in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
