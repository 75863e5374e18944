import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const IdParams = z.object({ id: z.string().min(1).max(250) });
const PipelinesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(5),
  statuses: z.string().max(500).optional(),
});

/** `/projects`: front50's `/v2/projects`, and a project's pipelines from orca. */
export function projectRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50, orca } = ctx.downstream;
  app.get('/projects', doc({ summary: 'Projects', tags: ['projects'] }), async (request) =>
    front50.get('/v2/projects', as(request)),
  );
  app.get(
    '/projects/:id',
    doc({ summary: 'One project', tags: ['projects'], params: IdParams }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      return front50.get(`/v2/projects/${encodeURIComponent(id)}`, as(request));
    },
  );
  app.get(
    '/projects/:id/pipelines',
    doc({ summary: "A project's executions", tags: ['projects'], params: IdParams, query: PipelinesQuery }),
    async (request) => {
      const { id } = parseParams(IdParams, request);
      const { limit, statuses } = PipelinesQuery.parse(request.query ?? {});
      return orca.get(`/projects/${encodeURIComponent(id)}/pipelines`, {
        ...as(request),
        query: { limit, statuses },
      });
    },
  );
}
