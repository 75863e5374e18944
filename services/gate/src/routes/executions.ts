import { InputError, PipelineExecutionSchema, PipelineSchema, type PipelineExecution } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppAuthorization } from '../auth/permissions.js';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'must be an execution id');
const IdParams = z.object({ id: Id });
const StageParams = z.object({
  id: Id,
  stageId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.-]+$/, 'must be a stage id'),
});
const AppParams = z.object({ app: z.string().min(1).max(250) });
const AppIdParams = z.object({ app: z.string().min(1).max(250), id: Id });
const bool = z.enum(['true', 'false']);
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(10),
  statuses: z.string().max(500).optional(),
  expand: bool.optional(),
});
const ExecutionsQuery = z.object({
  pipelineConfigIds: z.string().max(10_000).optional(),
  executionIds: z.string().max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  statuses: z.string().max(500).optional(),
  expand: bool.optional(),
});
const ExpressionQuery = z.object({ expression: z.string().min(1).max(100_000) });
const CancelQuery = z.object({ reason: z.string().max(2000).optional(), force: bool.optional() });
const Executions = z.array(PipelineExecutionSchema);

/** Pipeline executions: orca's `/pipelines/{id}…`, `/v2/applications/{app}/pipelines` and `/executions`. */
export function executionRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { orca, front50 } = ctx.downstream;
  const path = (id: string) => `/pipelines/${encodeURIComponent(id)}`;

  /** Reads the execution and checks the caller's authorization on its application. */
  const authorized = async (
    request: FastifyRequest,
    id: string,
    authorization: AppAuthorization,
  ): Promise<PipelineExecution> => {
    const execution = await orca.get(path(id), { ...as(request), schema: PipelineExecutionSchema });
    await ctx.permissions.require(request.principal, execution.application, authorization);
    return execution;
  };
  /**
   * Tells live streams about a change gate made itself (orca's engine publishes its own state
   * changes; pause, resume, stage patches, restarts and deletes are commands that do not pass it).
   */
  const changed = (
    execution: PipelineExecution,
    type: string,
    extra: { stageId?: string; status?: string } = {},
  ) =>
    ctx.live?.publish({
      event: 'execution',
      data: {
        application: execution.application,
        executionId: execution.id,
        executionType: execution.type,
        pipelineConfigId: execution.pipelineConfigId ?? undefined,
        type,
        timestamp: Date.now(),
        ...extra,
      },
    });
  const readable = async (request: FastifyRequest, list: PipelineExecution[]) => {
    const ok = await Promise.all(
      list.map((e) => ctx.permissions.can(request.principal, e.application, 'READ')),
    );
    return list.filter((_, i) => ok[i]);
  };

  app.get(
    '/applications/:app/pipelines',
    doc({
      summary: "An application's executions (limit per pipeline config)",
      tags: ['executions'],
      params: AppParams,
      query: ListQuery,
      response: Executions,
    }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const query = parseQuery(ListQuery, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      return orca.get(`/v2/applications/${encodeURIComponent(name)}/pipelines`, {
        ...as(request),
        query,
        schema: Executions,
      });
    },
  );

  app.get(
    '/pipelines/:id',
    doc({
      summary: 'One execution',
      tags: ['executions'],
      params: IdParams,
      response: PipelineExecutionSchema,
    }),
    async (request) => authorized(request, parseParams(IdParams, request).id, 'READ'),
  );

  const cancel = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const query = parseQuery(CancelQuery, request);
    await authorized(request, id, 'EXECUTE');
    await orca.put(`${path(id)}/cancel`, { ...as(request), query });
    return reply.status(200).send();
  };
  app.put(
    '/pipelines/:id/cancel',
    doc({ summary: 'Cancel an execution', tags: ['executions'], params: IdParams, query: CancelQuery }),
    async (request, reply) => cancel(request, reply, parseParams(IdParams, request).id),
  );
  // spin sends the literal `{application}`: the segment is ignored, as in Spinnaker.
  app.put(
    '/applications/:app/pipelines/:id/cancel',
    doc({
      summary: 'Cancel an execution (the app segment is ignored)',
      tags: ['executions'],
      params: AppIdParams,
      query: CancelQuery,
    }),
    async (request, reply) => cancel(request, reply, parseParams(AppIdParams, request).id),
  );

  for (const action of ['pause', 'resume'] as const) {
    app.put(
      `/pipelines/:id/${action}`,
      doc({ summary: `${action} an execution`, tags: ['executions'], params: IdParams }),
      async (request, reply) => {
        const { id } = parseParams(IdParams, request);
        const execution = await authorized(request, id, 'EXECUTE');
        await orca.put(`${path(id)}/${action}`, as(request));
        changed(execution, `gate:execution:${action}d`, {
          status: action === 'pause' ? 'PAUSED' : 'RUNNING',
        });
        return reply.status(200).send();
      },
    );
  }

  app.delete(
    '/pipelines/:id',
    doc({ summary: 'Delete a completed execution', tags: ['executions'], params: IdParams }),
    async (request, reply) => {
      const { id } = parseParams(IdParams, request);
      const execution = await authorized(request, id, 'WRITE');
      await orca.delete(path(id), as(request));
      changed(execution, 'gate:execution:deleted');
      return reply.status(200).send();
    },
  );

  app.patch(
    '/pipelines/:id/stages/:stageId',
    doc({
      summary: 'Update a stage context (manual judgment)',
      tags: ['executions'],
      params: StageParams,
      body: z.record(z.string(), z.unknown()),
      response: PipelineExecutionSchema,
    }),
    async (request) => {
      const { id, stageId } = parseParams(StageParams, request);
      const body = z.record(z.string(), z.unknown()).parse(request.body ?? {});
      const execution = await authorized(request, id, 'EXECUTE');
      const updated = await orca.patch(`${path(id)}/stages/${encodeURIComponent(stageId)}`, {
        ...as(request),
        body,
      });
      changed(execution, 'gate:stage:updated', { stageId });
      return updated;
    },
  );

  app.put(
    '/pipelines/:id/stages/:stageId/restart',
    doc({
      summary: 'Restart a stage with the current pipeline config',
      tags: ['executions'],
      params: StageParams,
    }),
    async (request) => {
      const { id, stageId } = parseParams(StageParams, request);
      const execution = await authorized(request, id, 'EXECUTE');
      const configs = await front50.get(`/pipelines/${encodeURIComponent(execution.application)}`, {
        ...as(request),
        query: { refresh: 'true' },
        schema: z.array(PipelineSchema),
      });
      const name = String((execution as { name?: unknown }).name ?? '').toLowerCase();
      const current = configs.find((p) => p.name?.toLowerCase() === name) ?? {};
      const restarted = await orca.put(`${path(id)}/stages/${encodeURIComponent(stageId)}/restart`, {
        ...as(request),
        body: current,
      });
      changed(execution, 'gate:stage:restarted', { stageId });
      return restarted;
    },
  );

  const evaluate = async (request: FastifyRequest, expression: string) => {
    const { id } = parseParams(IdParams, request);
    await authorized(request, id, 'READ');
    return orca.get(`${path(id)}/evaluateExpression`, { ...as(request), query: { expression } });
  };
  app.get(
    '/pipelines/:id/evaluateExpression',
    doc({
      summary: 'Evaluate an expression against an execution',
      tags: ['executions'],
      params: IdParams,
      query: ExpressionQuery,
    }),
    async (request) => evaluate(request, parseQuery(ExpressionQuery, request).expression),
  );
  app.post(
    '/pipelines/:id/evaluateExpression',
    doc({
      summary: 'Evaluate an expression (text or {expression}) against an execution',
      tags: ['executions'],
      params: IdParams,
      body: ExpressionQuery,
    }),
    async (request) => {
      const body = request.body;
      const expression = typeof body === 'string' ? body : ExpressionQuery.parse(body ?? {}).expression;
      if (!expression) throw new InputError('expression is required');
      return evaluate(request, expression);
    },
  );

  app.get(
    '/executions',
    doc({
      summary: 'Executions by pipeline config ids or execution ids',
      tags: ['executions'],
      query: ExecutionsQuery,
      response: Executions,
    }),
    async (request) => {
      const query = parseQuery(ExecutionsQuery, request);
      if (!query.pipelineConfigIds && !query.executionIds) return [];
      if (query.pipelineConfigIds && query.executionIds) {
        throw new InputError('Only one of pipelineConfigIds or executionIds can be specified');
      }
      const found = await orca.get('/pipelines', { ...as(request), query, schema: Executions });
      return readable(request, found);
    },
  );
}
