import { InputError, type PipelineExecution, type TaskRequest } from '@genoa/shared';
import { buildOrchestration, buildPipelineExecution } from '../domain/execution-builder.js';
import { executionLevel } from '../domain/repair.js';
import type { Clock, EngineQueue, ExecutionRepository, StartPipelineRequest } from '../ports.js';

/**
 * Starts executions: builds the execution JSON, stores it (idempotently when a correlation key is
 * given) and queues its startExecution. Used by `POST /orchestrate`, `POST /ops`, start requests,
 * the pipeline stage and pipeline triggers.
 */
export class ExecutionLauncher {
  constructor(
    private readonly repository: ExecutionRepository,
    private readonly queue: EngineQueue,
    private readonly clock: Clock,
  ) {}

  /** Starts a pipeline; returns the execution (the earlier one for a repeated correlation key). */
  async startPipeline(request: StartPipelineRequest): Promise<PipelineExecution> {
    const pipeline = request.pipeline;
    if (!Array.isArray(pipeline.stages))
      throw new InputError('The pipeline has no stages list', [{ path: 'stages', message: 'required' }]);
    if (typeof pipeline.application !== 'string' || pipeline.application === '')
      throw new InputError('The pipeline has no application', [{ path: 'application', message: 'required' }]);
    if (pipeline.disabled === true) throw new InputError('Pipeline is disabled and cannot be started.');
    pipeline.stages.forEach((s: unknown, i: number) => {
      if (!s || typeof s !== 'object' || typeof (s as { type?: unknown }).type !== 'string')
        throw new InputError('Every stage needs a type', [
          { path: `stages[${i}].type`, message: 'required' },
        ]);
    });
    const now = this.clock.now();
    const execution = buildPipelineExecution(pipeline, request.trigger, {
      now,
      user: request.user,
      accounts: request.accounts,
      origin: request.origin,
    });
    // echo sends a pipeline it could not trigger properly (e.g. a required parameter is missing)
    // with `errorMessage`: record it as failed on startup, as Orca's `/fail` path does, never run it.
    if (typeof pipeline.errorMessage === 'string' && pipeline.errorMessage !== '')
      Object.assign(execution, {
        status: 'TERMINAL',
        endTime: now,
        canceled: true,
        canceledBy: 'system',
        cancellationReason: `Failed on startup: ${pipeline.errorMessage}`,
      });
    return this.launch(execution, request.correlationKey);
  }

  /** Starts an orchestration (task) from a `POST /ops` body. */
  async startOrchestration(
    request: TaskRequest,
    user?: string,
    origin?: string,
    accounts?: readonly string[],
  ): Promise<PipelineExecution> {
    const execution = buildOrchestration(
      { ...request, job: request.job as Record<string, unknown>[] },
      { now: this.clock.now(), user: user ?? request.job[0]?.user ?? undefined, origin, accounts },
    );
    return this.launch(execution);
  }

  private async launch(execution: PipelineExecution, correlationKey?: string): Promise<PipelineExecution> {
    if (correlationKey) {
      const existing = await this.repository.findByCorrelation(correlationKey);
      const found = existing ? await this.repository.get(existing) : undefined;
      if (found) return found;
    }
    const created = await this.repository.create(execution, correlationKey);
    if (!created && correlationKey) {
      const existing = await this.repository.findByCorrelation(correlationKey);
      const found = existing ? await this.repository.get(existing) : undefined;
      if (found) return found;
    }
    if (execution.status === 'NOT_STARTED')
      await this.queue.push({ kind: 'startExecution', ...executionLevel(execution) });
    return execution;
  }
}
