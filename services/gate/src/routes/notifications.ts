import { NotAllowedError } from '@genoa/shared';
import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppAuthorization } from '../auth/permissions.js';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Params = z.object({ type: z.enum(['application', 'global']), app: z.string().min(1).max(250) });
const Body = z.record(z.string(), z.unknown());

/** `/notifications/{type}/{app}`: front50's notification preferences (application READ/WRITE; global: admins write). */
export function notificationRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50 } = ctx.downstream;
  const target = async (request: FastifyRequest, authorization: AppAuthorization) => {
    const { type, app: name } = parseParams(Params, request);
    if (type === 'application') await ctx.permissions.require(request.principal, name, authorization);
    else if (authorization === 'WRITE' && ctx.config.GATE_AUTH_ENABLED && !request.principal?.admin)
      throw new NotAllowedError('Only admins change global notifications');
    return `/notifications/${type}/${encodeURIComponent(name)}`;
  };
  const tags = ['notifications'];
  app.get(
    '/notifications/:type/:app',
    doc({ summary: 'Notification preferences', tags, params: Params }),
    async (request) => front50.get(await target(request, 'READ'), as(request)),
  );
  app.post(
    '/notifications/:type/:app',
    doc({ summary: 'Save notification preferences', tags, params: Params, body: Body }),
    async (request) => {
      const path = await target(request, 'WRITE');
      return front50.post(path, { ...as(request), body: Body.parse(request.body ?? {}) });
    },
  );
  app.delete(
    '/notifications/:type/:app',
    doc({ summary: 'Delete notification preferences', tags, params: Params }),
    async (request, reply) => {
      await front50.delete(await target(request, 'WRITE'), as(request));
      return reply.status(200).send();
    },
  );
}
