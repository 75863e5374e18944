import { parseBody, parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Repositories } from '../domain/storage.js';
import { items, userOf } from './helpers.js';

/** A service account: a name and the roles it is a member of. */
export const ServiceAccountBodySchema = z.looseObject({
  name: z.string().trim().min(1, 'A service account requires a name'),
  memberOf: z.array(z.string()).nullish(),
});

/** Front50's `/serviceAccounts` (ServiceAccountsController). */
export function registerServiceAccountRoutes(app: FastifyInstance, repos: Repositories): void {
  const repo = repos.serviceAccount;

  app.get('/serviceAccounts', async () => items(await repo.all()));

  app.post('/serviceAccounts', async (request) => {
    const body = parseBody(ServiceAccountBodySchema, request);
    return repo.withLock(body.name, async () => {
      const existing = await repo.find(body.name);
      return repo.put(
        { ...body, memberOf: body.memberOf ?? [] },
        { user: userOf(request), ...(existing ? { previous: existing.item } : {}) },
      );
    });
  });

  app.delete('/serviceAccounts/:id', async (request, reply) => {
    const { id } = parseParams(z.object({ id: z.string().min(1) }), request);
    await repo.remove(id);
    return reply.status(204).send();
  });
}
