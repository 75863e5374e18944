import { ApplicationPermissionSchema, NotFoundError } from '@genoa/shared';
import { parseBody, parseParams } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assertSameName, normalizePermission } from '../domain/applications.js';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { items, userOf } from './helpers.js';

const NameParams = z.object({ name: z.string().trim().min(1) });

/** Front50's `/permissions/applications` (PermissionsController). */
export function registerPermissionRoutes(app: FastifyInstance, repos: Repositories): void {
  const repo = repos.applicationPermission;

  app.get('/permissions/applications', async () => items(await repo.all()));

  app.get('/permissions/applications/:name', async (request) => {
    const { name } = parseParams(NameParams, request);
    const found = await repo.find(name);
    if (!found) throw new NotFoundError(`No permissions found for application ${name}`);
    return found.item;
  });

  const save = async (body: JsonObject, user: string) =>
    repo.withLock(String(body.name), async () => {
      const existing = await repo.find(String(body.name));
      return repo.put(normalizePermission(body), { user, ...(existing ? { previous: existing.item } : {}) });
    });

  app.post('/permissions/applications', async (request) =>
    save(parseBody(ApplicationPermissionSchema, request) as JsonObject, userOf(request)),
  );

  app.put('/permissions/applications/:name', async (request) => {
    const { name } = parseParams(NameParams, request);
    const body = parseBody(ApplicationPermissionSchema.partial({ name: true }), request) as JsonObject;
    assertSameName(name, body);
    return save({ ...body, name }, userOf(request));
  });

  app.delete('/permissions/applications/:name', async (request, reply) => {
    const { name } = parseParams(NameParams, request);
    await repo.remove(name);
    return reply.status(204).send();
  });
}
