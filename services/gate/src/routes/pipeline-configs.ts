import { NotFoundError, PipelineSchema, parseOrThrow, type Pipeline } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { submitAndWait } from '../task-waiter.js';
import { doc } from '../openapi.js';

const AppParams = z.object({ app: z.string().min(1).max(250) });
const AppNameParams = z.object({ app: z.string().min(1).max(250), name: z.string().min(1).max(1000) });
const IdParams = z.object({ id: z.string().min(1).max(250) });
const SaveBody = PipelineSchema.and(
  z.object({ application: z.string().trim().min(1), name: z.string().trim().min(1) }),
);
const NameFilterQuery = z.object({ pipelineNameFilter: z.string().max(1000).optional() });
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) });
const StaleCheckQuery = z.object({ staleCheck: z.enum(['true', 'false']).default('false') });
const Pipelines = z.array(PipelineSchema);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/** Pipeline configurations: read from front50, written through orca tasks (create-and-wait). */
export function pipelineConfigRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50, orca } = ctx.downstream;
  const wait = (request: FastifyRequest) => ({
    maxPolls: ctx.config.GATE_TASK_MAX_POLLS,
    intervalMs: ctx.config.GATE_TASK_POLL_INTERVAL_MS,
    identity: request.identity,
    requestId: request.id,
  });
  const list = (request: FastifyRequest, application: string, nameFilter?: string) =>
    front50.get(`/pipelines/${encodeURIComponent(application)}`, {
      ...as(request),
      query: { refresh: 'true', pipelineNameFilter: nameFilter },
      schema: z.array(PipelineSchema),
    });

  app.get(
    '/applications/:app/pipelineConfigs',
    doc({
      summary: "An application's pipeline configs",
      tags: ['pipelines'],
      params: AppParams,
      query: NameFilterQuery,
      response: Pipelines,
    }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const { pipelineNameFilter } = parseQuery(NameFilterQuery, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      return list(request, name, pipelineNameFilter);
    },
  );

  app.get(
    '/applications/:app/pipelineConfigs/:name',
    doc({
      summary: 'One pipeline config by exact name',
      tags: ['pipelines'],
      params: AppNameParams,
      response: PipelineSchema,
    }),
    async (request) => {
      const { app: name, name: pipelineName } = parseParams(AppNameParams, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      const found = (await list(request, name)).find((p) => p.name === pipelineName);
      if (!found) throw new NotFoundError(`Pipeline config (id: ${pipelineName}) not found`);
      return found;
    },
  );

  app.get(
    '/pipelineConfigs',
    doc({ summary: 'Every readable pipeline config', tags: ['pipelines'], response: Pipelines }),
    async (request) => {
      const all = await front50.get('/pipelines', { ...as(request), schema: z.array(PipelineSchema) });
      const allowed = await Promise.all(
        all.map(async (p) =>
          p.application && (await ctx.permissions.can(request.principal, p.application, 'READ'))
            ? p
            : undefined,
        ),
      );
      return allowed.filter(Boolean);
    },
  );

  app.get(
    '/pipelineConfigs/:id/history',
    doc({
      summary: 'Past versions of a pipeline config',
      tags: ['pipelines'],
      params: IdParams,
      query: HistoryQuery,
      response: Pipelines,
    }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      const { limit } = parseQuery(HistoryQuery, request);
      const history = await front50.get(`/pipelines/${encodeURIComponent(id)}/history`, {
        ...as(request),
        query: { limit },
        schema: z.array(PipelineSchema),
      });
      const application = history[0]?.application;
      if (application) await ctx.permissions.require(request.principal, application, 'READ');
      return history;
    },
  );

  app.post(
    '/pipelines',
    doc({
      summary: 'Save a pipeline config (create-and-wait)',
      tags: ['pipelines'],
      query: StaleCheckQuery,
      body: SaveBody,
    }),
    async (request, reply) => {
      const pipeline = parseOrThrow(SaveBody, request.body, 'request body') as Pipeline & {
        application: string;
        name: string;
      };
      const { staleCheck } = parseQuery(StaleCheckQuery, request);
      await ctx.permissions.require(request.principal, pipeline.application, 'WRITE');
      await submitAndWait(
        orca,
        {
          application: pipeline.application,
          description: `Save pipeline '${pipeline.name}'`,
          job: [
            {
              type: 'savePipeline',
              pipeline: b64(pipeline),
              user: request.identity.user,
              staleCheck: staleCheck === 'true',
            },
          ],
        },
        'Pipeline save',
        wait(request),
      );
      return reply.status(200).send();
    },
  );

  app.put(
    '/pipelines/:id',
    doc({
      summary: 'Update (rename) a pipeline config',
      tags: ['pipelines'],
      params: IdParams,
      body: SaveBody,
      response: PipelineSchema,
    }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      const pipeline = parseOrThrow(SaveBody, request.body, 'request body') as Pipeline & {
        application: string;
        name: string;
      };
      await ctx.permissions.require(request.principal, pipeline.application, 'WRITE');
      await submitAndWait(
        orca,
        {
          application: pipeline.application,
          description: `Update pipeline '${pipeline.name}'`,
          job: [{ type: 'updatePipeline', pipeline: b64({ ...pipeline, id }), user: request.identity.user }],
        },
        'Pipeline update',
        wait(request),
      );
      const updated = (await list(request, pipeline.application)).find((p) => p.id === id);
      if (!updated) throw new NotFoundError(`Pipeline config (id: ${id}) not found after update`);
      return updated;
    },
  );

  app.delete(
    '/pipelines/:app/:name',
    doc({ summary: 'Delete a pipeline config by name', tags: ['pipelines'], params: AppNameParams }),
    async (request, reply) => {
      const { app: name, name: pipelineName } = parseParams(AppNameParams, request);
      await ctx.permissions.require(request.principal, name, 'WRITE');
      const wanted = pipelineName.trim().toLowerCase();
      const found = (await list(request, name)).find((p) => p.name?.trim().toLowerCase() === wanted);
      if (found) {
        await submitAndWait(
          orca,
          {
            application: name,
            description: `Delete pipeline '${found.name ?? pipelineName}'`,
            job: [
              {
                type: 'deletePipeline',
                pipeline: b64(found),
                application: name,
                user: request.identity.user,
              },
            ],
          },
          'Pipeline delete',
          wait(request),
        );
      }
      return reply.status(200).send();
    },
  );
}
