import { randomUUID } from 'node:crypto';
import type { Logger } from '@genoa/shared/node';
import type { Account, AccountRegistry } from './adapters/accounts.js';
import { completed, failed, newTask, withProgress, type KatoTask } from './domain/task.js';
import type { OperationDefinition } from './operations/index.js';
import type { TaskRepository } from './ports.js';

/** One validated entry of a `/kubernetes/ops` body. */
export interface PlannedOperation {
  operation: OperationDefinition;
  description: { account: string } & Record<string, unknown>;
  account: Account;
}

/** Options of the {@link OperationRunner}. */
export interface OperationRunnerOptions {
  repository: TaskRepository;
  accounts: AccountRegistry;
  logger: Logger;
  leaseMs: number;
  ownerId?: string;
}

/**
 * Runs operation tasks in this process and keeps their state in the {@link TaskRepository}: each
 * history line is stored as it happens, leases are renewed while a task runs, and tasks whose
 * owner stopped renewing (a crashed replica) are marked failed by the sweeper of any replica.
 */
export class OperationRunner {
  readonly ownerId: string;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OperationRunnerOptions) {
    this.ownerId = options.ownerId ?? `clouddriver-${randomUUID().slice(0, 8)}`;
  }

  /** Starts lease renewal and the sweeper (and sweeps once now). */
  async start(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
  }

  /** Stops the timers and waits (up to `timeoutMs`) for running tasks to finish. */
  async stop(timeoutMs = 3_000): Promise<void> {
    clearInterval(this.timer);
    await Promise.race([
      Promise.allSettled([...this.inFlight.values()]),
      new Promise((r) => setTimeout(r, timeoutMs).unref()),
    ]);
  }

  private async tick(): Promise<void> {
    try {
      await this.options.repository.renewLeases([...this.inFlight.keys()]);
      await this.sweep();
    } catch (err) {
      this.options.logger.warn({ err }, 'task lease renewal failed');
    }
  }

  /** Marks failed every running task whose owner's lease has expired. */
  async sweep(): Promise<void> {
    const { repository, logger } = this.options;
    for (const id of await repository.running()) {
      if (this.inFlight.has(id) || (await repository.hasLease(id))) continue;
      const task = await repository.get(id);
      if (!task || task.status.completed) continue;
      const message =
        `clouddriver replica ${task.ownerId} stopped while this task was running (its lease expired); ` +
        'the operation may have been applied in part. Check the resources and run it again.';
      await repository.save(failed(task, task.operations.join(', '), message, 'InterruptedTask', Date.now()));
      logger.warn({ taskId: id, ownerId: task.ownerId }, 'orphaned task marked failed');
    }
  }

  /** Stores a new task for `planned` and runs it in the background; resolves once it is stored. */
  async submit(planned: PlannedOperation[], user: string): Promise<KatoTask> {
    const task = newTask(
      randomUUID(),
      this.ownerId,
      planned.map((p) => p.operation.name),
      user,
      Date.now(),
    );
    await this.options.repository.create(task);
    const running = this.execute(task, planned).finally(() => this.inFlight.delete(task.id));
    this.inFlight.set(task.id, running);
    return task;
  }

  private async execute(initial: KatoTask, planned: PlannedOperation[]): Promise<void> {
    const { repository, accounts } = this.options;
    let task = initial;
    const log = this.options.logger.child({ taskId: task.id });
    const results: Record<string, unknown>[] = [];
    let current = planned[0]!.operation;
    const started = performance.now();
    try {
      for (const step of planned) {
        current = step.operation;
        const phase = step.operation.phase;
        task = withProgress(task, phase, `Starting ${step.operation.name} on account ${step.account.name}`);
        await repository.save(task);
        const result = await step.operation.run(step.description, {
          account: step.account,
          accounts,
          logger: log,
          progress: async (status) => {
            task = withProgress(task, phase, status);
            await repository.save(task);
          },
        });
        if (result) results.push(result);
      }
      task = completed(task, results, Date.now());
      await repository.save(task);
      log.info(
        { operations: task.operations, durationMs: Math.round(performance.now() - started) },
        'task completed',
      );
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const cause = (error.cause as Error | undefined)?.name ?? error.name;
      task = failed(task, current.name, error.message, cause, Date.now(), results);
      try {
        await repository.save(task);
      } catch (saveErr) {
        log.error({ err: saveErr }, 'task failure could not be stored');
      }
      log.warn(
        { operation: current.name, err: error, durationMs: Math.round(performance.now() - started) },
        'task failed',
      );
    }
  }
}
