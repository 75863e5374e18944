import {
  ApplicationExecutionsQuerySchema,
  ExecutionsQuerySchema,
  InputError,
  OrchestrateRequestSchema,
  TaskRequestSchema,
  type PipelineExecution,
} from '@genoa/shared';
import { parseBody, parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { selectApplicationPipelines, taskView, unexpanded } from '../domain/views.js';
import type { Engine } from '../engine/create-engine.js';
import type { Clock, ExecutionRepository, Front50 } from '../ports.js';

/** What the execution routes need. */
export interface ExecutionRouteDeps {
  engine: Engine;
  repository: ExecutionRepository;
  front50: Front50;
  clock: Clock;
}

const IdParams = z.object({ id: z.string().min(1) });
const AppParams = z.object({ app: z.string().min(1) });
const shape = (e: PipelineExecution, expand: boolean) => (expand ? e : unexpanded(e));

/**
 * A started pipeline's expected artifacts travel in its trigger (as Spinnaker's OperationsController
 * resolves them at start), so its stages can bind them to the trigger's artifacts or their
 * defaults; a trigger that already carries expected artifacts (echo's) keeps them.
 */
function withExpectedArtifacts(pipeline: Record<string, unknown>, trigger: Record<string, unknown>) {
  const declared = pipeline.expectedArtifacts;
  const carried = trigger.expectedArtifacts;
  if (!Array.isArray(declared) || declared.length === 0 || (Array.isArray(carried) && carried.length > 0))
    return trigger;
  return { ...trigger, expectedArtifacts: declared };
}

/** Starting and reading executions: `/orchestrate`, `/ops`, `/pipelines/{id}`, listings, `/tasks`. */
export function executionRoutes(app: FastifyInstance, deps: ExecutionRouteDeps): void {
  const { engine, repository } = deps;

  app.post('/orchestrate', async (request) => {
    const body = parseBody(OrchestrateRequestSchema, request);
    const { trigger, ...pipeline } = body as Record<string, unknown>;
    const execution = await engine.launcher.startPipeline({
      pipeline,
      trigger: withExpectedArtifacts(pipeline, (trigger as Record<string, unknown>) ?? {}),
      user: request.identity.user,
      accounts: request.identity.accounts,
      origin: request.identity.origin ?? 'api',
    });
    return { ref: `/pipelines/${execution.id}` };
  });

  app.post('/ops', async (request) => {
    const body = parseBody(TaskRequestSchema, request);
    const execution = await engine.launcher.startOrchestration(
      body,
      request.identity.user,
      request.identity.origin ?? 'api',
      request.identity.accounts,
    );
    return { ref: `/tasks/${execution.id}` };
  });

  app.get('/pipelines/:id', async (request) =>
    engine.commands.get(parseParams(IdParams, request as never).id),
  );

  app.get('/tasks/:id', async (request) =>
    taskView(await engine.commands.get(parseParams(IdParams, request as never).id)),
  );

  const listExecutions = async (request: { query: unknown }) => {
    const q = parseQuery(ExecutionsQuerySchema, request as never);
    if (q.pipelineConfigIds.length > 0 && q.executionIds.length > 0)
      throw new InputError('Give pipelineConfigIds or executionIds, not both', [
        { path: 'executionIds', message: 'not with pipelineConfigIds' },
      ]);
    let executions: PipelineExecution[] = [];
    if (q.executionIds.length > 0) executions = await repository.getMany(q.executionIds);
    for (const configId of q.pipelineConfigIds) {
      const ids = await repository.listByPipelineConfig(configId, {
        statuses: q.statuses,
        limit: q.limit ?? 1,
      });
      executions.push(...(await repository.getMany(ids)));
    }
    if (q.executionIds.length > 0 && q.statuses.length > 0)
      executions = executions.filter((e) => q.statuses.includes(e.status));
    return executions.map((e) => shape(e, q.expand ?? true));
  };
  app.get('/executions', listExecutions);
  app.get('/pipelines', listExecutions);

  app.get('/v2/applications/:app/pipelines', async (request) => {
    const { app: application } = parseParams(AppParams, request as never);
    const q = parseQuery(ApplicationExecutionsQuerySchema, request);
    const configs = await deps.front50.listPipelines(application).catch(() => []);
    const configIds = new Set(configs.map((c) => String(c.id)));
    const byConfig: PipelineExecution[][] = [];
    for (const id of configIds) {
      const ids = await repository.listByPipelineConfig(id, { statuses: q.statuses, limit: q.limit ?? 10 });
      byConfig.push((await repository.getMany(ids)).filter((e) => e.application === application));
    }
    return selectApplicationPipelines(byConfig, deps.clock.now()).map((e) => shape(e, q.expand));
  });

  app.get('/applications/:app/pipelines', async (request) => {
    const { app: application } = parseParams(AppParams, request as never);
    const q = parseQuery(ApplicationExecutionsQuerySchema, request);
    const ids = await repository.listByApplication(application, 'PIPELINE', {
      statuses: q.statuses,
      limit: q.limit ?? 10,
    });
    return (await repository.getMany(ids)).map((e) => shape(e, q.expand));
  });

  app.get('/applications/:app/tasks', async (request) => {
    const { app: application } = parseParams(AppParams, request as never);
    const q = parseQuery(ApplicationExecutionsQuerySchema, request);
    const ids = await repository.listByApplication(application, 'ORCHESTRATION', {
      statuses: q.statuses,
      limit: q.limit ?? 100,
    });
    return (await repository.getMany(ids)).map(taskView);
  });
}
