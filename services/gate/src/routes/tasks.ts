import { parseOrThrow, TaskRefSchema, TaskRequestSchema, TaskViewSchema } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'must be a task id');
const TaskParams = z.object({ id: Id });
const AppParams = z.object({ app: z.string().min(1).max(250) });
const AppTaskParams = z.object({ app: z.string().min(1).max(250), id: Id });
const ListQuery = z.object({
  page: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  statuses: z.string().max(500).optional(),
});
const CancelManyQuery = z.object({ ids: z.string().min(1).max(10_000) });

/** The applications a task touches: its `application` and any `application.name` of its jobs. */
function applicationsOf(task: z.infer<typeof TaskRequestSchema>): string[] {
  const names = new Set([task.application.toLowerCase()]);
  for (const job of task.job) {
    const target = (job as { application?: unknown }).application;
    const name = typeof target === 'string' ? target : (target as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name) names.add(name.toLowerCase());
  }
  return [...names];
}

/** `/tasks` and `/applications/{app}/tasks`: orchestrations through orca `POST /ops`. */
export function taskRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { orca } = ctx.downstream;

  const submit = async (request: FastifyRequest, application?: string) => {
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const input =
      application && raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, application } : raw;
    const body = parseOrThrow(TaskRequestSchema, input, 'request body');
    const apps = applicationsOf(body);
    for (const name of apps) await ctx.permissions.require(request.principal, name, 'WRITE');
    if (ctx.config.GATE_AUTH_ENABLED && request.principal) {
      for (const job of body.job) job.user = request.principal.username;
    }
    const ref = await orca.post('/ops', { ...as(request), body, schema: TaskRefSchema });
    for (const name of apps) ctx.permissions.forget(name);
    return ref;
  };

  app.post(
    '/tasks',
    doc({
      summary: 'Submit a task (orca orchestration)',
      tags: ['tasks'],
      body: TaskRequestSchema,
      response: TaskRefSchema,
    }),
    async (request) => submit(request),
  );
  app.post(
    '/applications/:app/tasks',
    doc({
      summary: 'Submit a task for an application',
      tags: ['tasks'],
      params: AppParams,
      body: TaskRequestSchema,
      response: TaskRefSchema,
    }),
    async (request) => submit(request, parseParams(AppParams, request).app),
  );

  const getTask = async (request: FastifyRequest, id: string) => {
    const task = await orca.get(`/tasks/${encodeURIComponent(id)}`, {
      ...as(request),
      schema: TaskViewSchema,
    });
    return task;
  };
  app.get(
    '/tasks/:id',
    doc({ summary: 'A task', tags: ['tasks'], params: TaskParams, response: TaskViewSchema }),
    async (request) => getTask(request, parseParams(TaskParams, request).id),
  );
  app.get(
    '/applications/:app/tasks/:id',
    doc({
      summary: 'A task (deprecated path)',
      tags: ['tasks'],
      params: AppTaskParams,
      response: TaskViewSchema,
    }),
    async (request) => getTask(request, parseParams(AppTaskParams, request).id),
  );

  app.delete(
    '/tasks/:id',
    doc({ summary: 'Delete a completed task', tags: ['tasks'], params: TaskParams }),
    async (request) => {
      const { id } = parseParams(TaskParams, request);
      const task = await getTask(request, id);
      await ctx.permissions.require(request.principal, task.application, 'WRITE');
      return orca.delete(`/tasks/${encodeURIComponent(id)}`, as(request));
    },
  );

  const cancel = async (request: FastifyRequest, id: string) => {
    const task = await getTask(request, id);
    await ctx.permissions.require(request.principal, task.application, 'EXECUTE');
    await orca.put(`/tasks/${encodeURIComponent(id)}/cancel`, as(request));
    return {};
  };
  app.put(
    '/tasks/:id/cancel',
    doc({ summary: 'Cancel a task', tags: ['tasks'], params: TaskParams }),
    async (request) => cancel(request, parseParams(TaskParams, request).id),
  );
  app.put(
    '/applications/:app/tasks/:id/cancel',
    doc({ summary: 'Cancel a task (deprecated path)', tags: ['tasks'], params: AppTaskParams }),
    async (request) => cancel(request, parseParams(AppTaskParams, request).id),
  );
  app.put(
    '/tasks/cancel',
    doc({ summary: 'Cancel several tasks', tags: ['tasks'], query: CancelManyQuery }),
    async (request) => {
      const ids = parseQuery(CancelManyQuery, request).ids.split(',').filter(Boolean);
      for (const id of ids) await cancel(request, Id.parse(id));
      return {};
    },
  );

  app.get(
    '/applications/:app/tasks',
    doc({ summary: "An application's tasks", tags: ['tasks'], params: AppParams, query: ListQuery }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const query = parseQuery(ListQuery, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      return orca.get(`/applications/${encodeURIComponent(name)}/tasks`, {
        ...as(request),
        query,
        schema: z.array(TaskViewSchema),
      });
    },
  );
}
