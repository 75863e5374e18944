import { ApplicationSchema, InputError, NotFoundError } from '@genoa/shared';
import { parseBody, parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { deleteApplicationCascade } from '../domain/application-cascade.js';
import {
  assertSameName,
  matchesAttributes,
  mergeApplication,
  normalizeApplication,
  validateApplication,
  withPermissions,
} from '../domain/applications.js';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { HistoryQuerySchema, JsonObjectSchema, userOf } from './helpers.js';

const NameParams = z.object({ name: z.string().trim().min(1) });
const ListQuery = z.record(z.string(), z.string());
const reservedQuery = new Set(['pageSize', 'restricted']);

/** Front50's `/v2/applications` (ApplicationsController). */
export function registerApplicationRoutes(app: FastifyInstance, repos: Repositories): void {
  const { application: apps, applicationPermission: permissions } = repos;
  const present = async (item: JsonObject) =>
    withPermissions(item, (await permissions.find(String(item.name)))?.item);

  app.get('/v2/applications', async (request) => {
    const query = parseQuery(ListQuery, request);
    const pageSize = query.pageSize !== undefined ? Number(query.pageSize) : undefined;
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 0)) {
      throw new InputError('pageSize must be a non-negative integer', [
        { path: 'pageSize', message: 'invalid' },
      ]);
    }
    const filters = Object.fromEntries(Object.entries(query).filter(([k]) => !reservedQuery.has(k)));
    await permissions.sync();
    const list = (await apps.all())
      .map((e) => withPermissions(e.item, permissions.index.get(e.id)?.item))
      .filter((a) => matchesAttributes(a, filters))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    return pageSize === undefined ? list : list.slice(0, pageSize);
  });

  app.get('/v2/applications/:name', async (request) => {
    const { name } = parseParams(NameParams, request);
    const found = await apps.find(name);
    if (!found) throw new NotFoundError(`Application ${name} not found`);
    return present(found.item);
  });

  app.post('/v2/applications', async (request) => {
    const body = normalizeApplication(parseBody(ApplicationSchema, request) as JsonObject);
    validateApplication(body);
    return apps.withLock(String(body.name), async () => {
      if (await apps.find(String(body.name)))
        throw new InputError(`Application ${String(body.name)} already exists`);
      return apps.put(body, { user: userOf(request) });
    });
  });

  const update = (merge: boolean) =>
    async function (request: FastifyRequest) {
      const { name } = parseParams(NameParams, request);
      const body = parseBody(merge ? JsonObjectSchema : ApplicationSchema, request) as JsonObject;
      assertSameName(name, body);
      return apps.withLock(name, async () => {
        const existing = await apps.find(name);
        if (!existing) throw new NotFoundError(`Application ${name} not found`);
        const next = normalizeApplication(
          merge ? mergeApplication(existing.item, body) : { ...body, name: existing.item.name },
        );
        validateApplication(next);
        return apps.put(next, { user: userOf(request), previous: existing.item });
      });
    };
  app.patch('/v2/applications/:name', update(true));
  app.put('/v2/applications/:name', update(false));

  app.delete('/v2/applications/:name', async (request, reply) => {
    const { name } = parseParams(NameParams, request);
    const result = await apps.withLock(name, async () => {
      if (!(await apps.find(name))) return undefined;
      return deleteApplicationCascade(repos, name);
    });
    if (result) request.log.info({ application: name, ...result }, 'application deleted');
    return reply.status(204).send();
  });

  app.get('/v2/applications/:name/history', async (request) => {
    const { name } = parseParams(NameParams, request);
    const { limit } = parseQuery(HistoryQuerySchema, request);
    const versions = await apps.history(name, limit);
    if (!versions) throw new NotFoundError(`Application ${name} not found`);
    return versions;
  });
}
