import { InputError, NotFoundError, PipelineSchema, parseOrThrow } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';
import { submitAndWait } from '../task-waiter.js';

const AppParams = z.object({ app: z.string().min(1).max(250) });
const AppNameParams = z.object({ app: z.string().min(1).max(250), name: z.string().min(1).max(1000) });
const IdParams = z.object({ id: z.string().min(1).max(250) });
const BulkQuery = z.object({ application: z.string().min(1).max(250).optional() });
const BulkBody = z
  .array(
    PipelineSchema.and(z.object({ application: z.string().trim().min(1), name: z.string().trim().min(1) })),
  )
  .min(1)
  .max(1000);
const ReorderBody = z.object({
  application: z.string().min(1).max(250),
  idsToIndices: z.record(z.string().min(1), z.number().int().min(0)),
  isStrategy: z.boolean().optional(),
});
const TemplatesQuery = z.object({ scopes: z.string().max(2000).optional() });
const Strategies = z.array(PipelineSchema);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/**
 * Less-used pipeline config endpoints: bulk save (orca `savePipeline` with `isBulkSavingPipelines`,
 * create-and-wait, answering the task's `bulksave` summary), reorder, strategy configs and
 * pipeline templates (front50 reads).
 */
export function pipelineConfigActionRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50, orca } = ctx.downstream;

  app.post(
    '/pipelines/bulksave',
    doc({
      summary: 'Save many pipeline configs (create-and-wait)',
      tags: ['pipelines'],
      query: BulkQuery,
      body: BulkBody,
    }),
    async (request) => {
      const { application } = parseQuery(BulkQuery, request);
      const pipelines = parseOrThrow(BulkBody, request.body, 'request body');
      const apps = [...new Set(pipelines.map((p) => p.application.toLowerCase()))];
      for (const name of apps) await ctx.permissions.require(request.principal, name, 'WRITE');
      const task = await submitAndWait(
        orca,
        {
          application: application ?? apps[0],
          description: 'Bulk save pipelines',
          job: [
            {
              type: 'savePipeline',
              pipelines: b64(pipelines),
              isBulkSavingPipelines: true,
              user: request.identity.user,
            },
          ],
        },
        'Pipeline bulk save',
        {
          maxPolls: ctx.config.GATE_TASK_MAX_POLLS,
          intervalMs: ctx.config.GATE_TASK_POLL_INTERVAL_MS,
          identity: request.identity,
          requestId: request.id,
        },
      );
      return task.variables.find((v) => v.key === 'bulksave')?.value ?? {};
    },
  );

  // Spinnaker runs a `reorderPipelines` orca task; it is one front50 call, made here directly.
  app.post(
    '/actions/pipelines/reorder',
    doc({ summary: 'Reorder pipeline (or strategy) configs', tags: ['pipelines'], body: ReorderBody }),
    async (request) => {
      const body = parseOrThrow(ReorderBody, request.body, 'request body');
      await ctx.permissions.require(request.principal, body.application, 'WRITE');
      const base = body.isStrategy ? 'strategies' : 'pipelines';
      await front50.post(`/actions/${base}/reorder`, {
        ...as(request),
        body: { application: body.application, idsToIndices: body.idsToIndices },
      });
      return { application: body.application, idsToIndices: body.idsToIndices };
    },
  );

  const strategies = async (app: string, request: Parameters<typeof as>[0]) => {
    await ctx.permissions.require(request.principal, app, 'READ');
    return front50.get(`/strategies/${encodeURIComponent(app)}`, { ...as(request), schema: Strategies });
  };
  app.get(
    '/applications/:app/strategyConfigs',
    doc({
      summary: "An application's strategy configs",
      tags: ['pipelines'],
      params: AppParams,
      response: Strategies,
    }),
    async (request) => strategies(parseParams(AppParams, request).app, request),
  );
  app.get(
    '/applications/:app/strategyConfigs/:name',
    doc({ summary: 'One strategy config by name', tags: ['pipelines'], params: AppNameParams }),
    async (request) => {
      const { app: name, name: strategy } = parseParams(AppNameParams, request);
      const found = (await strategies(name, request)).find((s) => s.name === strategy);
      if (!found) throw new NotFoundError(`Strategy config (id: ${strategy}) not found`);
      return found;
    },
  );

  app.get(
    '/pipelineTemplates',
    doc({
      summary: 'Pipeline templates (optionally by comma-separated scopes)',
      tags: ['pipelineTemplates'],
      query: TemplatesQuery,
    }),
    async (request) => {
      const { scopes } = parseQuery(TemplatesQuery, request);
      return front50.get('/pipelineTemplates', { ...as(request), query: { scopes } });
    },
  );
  app.get(
    '/pipelineTemplates/:id',
    doc({ summary: 'One pipeline template', tags: ['pipelineTemplates'], params: IdParams }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      if (id.includes('/')) throw new InputError('Invalid template id');
      return front50.get(`/pipelineTemplates/${encodeURIComponent(id)}`, as(request));
    },
  );
  // V2 (`schema: "v2"`) templates share front50's template store; spin's `pipeline-template list|get` read them here.
  const Templates = z.array(z.looseObject({ id: z.string().optional(), schema: z.string().optional() }));
  const v2 = (request: Parameters<typeof as>[0]) =>
    front50
      .get('/pipelineTemplates', { ...as(request), schema: Templates })
      .then((all) => all.filter((t) => t.schema === 'v2'));
  app.get(
    '/v2/pipelineTemplates',
    doc({ summary: 'V2 pipeline templates', tags: ['pipelineTemplates'] }),
    async (request) => v2(request),
  );
  app.get(
    '/v2/pipelineTemplates/:id',
    doc({ summary: 'One V2 pipeline template', tags: ['pipelineTemplates'], params: IdParams }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      const found = (await v2(request)).find((t) => t.id === id);
      if (!found) throw new NotFoundError(`Pipeline template ${id} not found`);
      return found;
    },
  );
  app.get(
    '/pipelineTemplates/:id/dependentPipelines',
    doc({ summary: 'Pipeline configs using a template', tags: ['pipelineTemplates'], params: IdParams }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      const list = await front50.get(`/pipelineTemplates/${encodeURIComponent(id)}/dependentPipelines`, {
        ...as(request),
        schema: Strategies,
      });
      const ok = await Promise.all(
        list.map((p) =>
          p.application ? ctx.permissions.can(request.principal, p.application, 'READ') : false,
        ),
      );
      return list.filter((_, i) => ok[i]);
    },
  );
}
