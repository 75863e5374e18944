import { ConflictError, InputError, isComplete, NotFoundError, type PipelineExecution } from '@genoa/shared';
import { executionLevel } from '../domain/repair.js';
import type { Clock, EngineQueue, ExecutionRepository, ExpressionEvaluator } from '../ports.js';
import type { StageRegistry } from '../stages/define-stage.js';
import { judgmentRoles } from '../tasks/manual-judgment-task.js';

/** How long a user action waits for an execution's lock held by a handler. */
const LOCK_WAIT_MS = 5_000;

/**
 * What users do to running executions (the HTTP API's verbs): cancel, pause, resume, change a
 * stage (manual judgment, skip wait, manual skip), restart a stage, delete, evaluate.
 */
export class ExecutionCommands {
  constructor(
    private readonly repository: ExecutionRepository,
    private readonly queue: EngineQueue,
    private readonly clock: Clock,
    private readonly stages: StageRegistry,
    private readonly expressions: ExpressionEvaluator,
  ) {}

  /** The execution, or a 404. */
  async get(id: string): Promise<PipelineExecution> {
    const e = await this.repository.get(id);
    if (!e) throw new NotFoundError(`Execution ${id} not found`);
    return e;
  }

  /** Cancels: always terminates, whatever state the execution's pending work is in. */
  async cancel(id: string, user: string, reason?: string): Promise<void> {
    const e = await this.get(id);
    if (isComplete(e.status)) return;
    await this.queue.push({ kind: 'cancelExecution', ...executionLevel(e), user, reason });
  }

  /** Pauses a RUNNING execution; its running tasks pause at their next run. */
  async pause(id: string, user: string): Promise<void> {
    await this.mutate(id, (e) => {
      if (e.status !== 'RUNNING') throw new ConflictError(`Execution ${id} is ${e.status}, not RUNNING`);
      e.status = 'PAUSED';
      e.paused = { pausedBy: user, pauseTime: this.clock.now(), paused: true };
    });
    await this.reschedule(id);
  }

  /** Resumes a PAUSED execution. */
  async resume(id: string, user: string): Promise<void> {
    const e = await this.mutate(id, (x) => {
      if (x.status !== 'PAUSED') throw new ConflictError(`Execution ${id} is ${x.status}, not PAUSED`);
      const now = this.clock.now();
      const pauseTime = x.paused?.pauseTime ?? now;
      x.status = 'RUNNING';
      x.paused = { ...x.paused, resumedBy: user, resumeTime: now, paused: false, pausedMs: now - pauseTime };
    });
    await this.queue.push({ kind: 'resumeExecution', ...executionLevel(e) });
  }

  /**
   * Merges `body` into a stage's context (manual judgment, `skipRemainingWait`, `manualSkip`),
   * stamps `lastModified` (and `lastModifiedBy`), and runs the stage's tasks now. When the
   * caller's identity carries roles, `lastModified.roles` keeps those among the stage's judgment
   * roles: the judgment task checks them.
   */
  async updateStage(
    id: string,
    stageId: string,
    body: Record<string, unknown>,
    user: string,
    accounts: string[] = [],
    roles?: readonly string[],
  ) {
    const e = await this.mutate(id, (x) => {
      const stage = x.stages.find((s) => s.id === stageId);
      if (!stage) throw new NotFoundError(`Stage ${stageId} not found in execution ${id}`);
      if (body.manualSkip === true) {
        const definition = this.stages.resolve(stage);
        if (!definition?.canManuallySkip?.(stage))
          throw new InputError(`Stage ${stage.name ?? stage.type} cannot be manually skipped`, [
            { path: 'manualSkip', message: 'not allowed for this stage' },
          ]);
      }
      const { selectedStageRoles: _r, requiredJudgmentRoles: _q, ...change } = body; // who may judge is config
      Object.assign(stage.context, change, { lastModifiedBy: user });
      stage.lastModified = {
        user,
        allowedAccounts: accounts,
        lastModifiedTime: this.clock.now(),
        ...(roles ? { roles: roles.filter((r) => judgmentRoles(stage.context).includes(r)) } : {}),
      };
    });
    await this.reschedule(id);
    return e;
  }

  /** Restarts a completed stage (and everything downstream of it). */
  async restartStage(id: string, stageId: string, user: string): Promise<PipelineExecution> {
    const e = await this.get(id);
    if (!e.stages.some((s) => s.id === stageId))
      throw new NotFoundError(`Stage ${stageId} not found in execution ${id}`);
    await this.queue.push({ kind: 'restartStage', ...executionLevel(e), stageId, user });
    return e;
  }

  /** Deletes a completed execution. */
  async delete(id: string): Promise<void> {
    const e = await this.repository.get(id);
    if (!e) return;
    if (!isComplete(e.status))
      throw new ConflictError(`Execution ${id} is ${e.status}; only completed executions can be deleted`);
    await this.repository.delete(id);
  }

  /** Evaluates an expression (`${…}` or bare) against the execution and its trigger. */
  async evaluate(id: string, expression: string): Promise<{ result: unknown; detail?: unknown }> {
    const e = await this.get(id);
    const scope = { execution: e };
    const now = this.clock.now();
    const out = expression.includes('${')
      ? await this.expressions.evaluateTree(expression, scope, now)
      : await this.expressions.evaluateExpression(expression, scope, now);
    return Object.keys(out.summary).length > 0
      ? { result: out.value ?? expression, detail: out.summary }
      : { result: out.value };
  }

  private async reschedule(id: string): Promise<void> {
    const e = await this.get(id);
    await this.queue.push({ kind: 'rescheduleExecution', ...executionLevel(e) });
  }

  /** Reads, changes and stores an execution under its lock. */
  private async mutate(id: string, change: (e: PipelineExecution) => void): Promise<PipelineExecution> {
    const { lock, execution } = await this.repository.lockAndGet(id, LOCK_WAIT_MS);
    if (!lock) throw new ConflictError(`Execution ${id} is busy; try again`);
    try {
      if (!execution) throw new NotFoundError(`Execution ${id} not found`);
      change(execution);
      await this.repository.saveAndUnlock(execution, lock);
      return execution;
    } catch (err) {
      await this.repository.unlock(lock);
      throw err;
    }
  }
}
