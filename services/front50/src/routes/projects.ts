import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '@genoa/shared';
import { parseBody, parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ObjectRepository } from '../domain/object-repository.js';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { items, userOf } from './helpers.js';

/** A project: a name, an email and the applications, pipelines and clusters it groups. */
export const ProjectBodySchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().trim().min(1, 'A project requires a name'),
  email: z.string().nullish(),
  config: z
    .looseObject({
      applications: z.array(z.string()).nullish(),
      pipelineConfigs: z
        .array(z.looseObject({ application: z.string(), pipelineConfigId: z.string() }))
        .nullish(),
      clusters: z.array(z.looseObject({})).nullish(),
    })
    .nullish(),
});
const IdParams = z.object({ id: z.string().min(1) });

async function findByIdOrName(repo: ObjectRepository, idOrName: string): Promise<JsonObject | undefined> {
  const byId = await repo.find(idOrName);
  if (byId) return byId.item;
  return repo.index.values().find((e) => String(e.item.name ?? '').toLowerCase() === idOrName.toLowerCase())
    ?.item;
}

async function saveProject(
  repo: ObjectRepository,
  body: JsonObject,
  user: string,
  id?: string,
): Promise<JsonObject> {
  return repo.withLock('projects', async () => {
    await repo.sync();
    const existing = id !== undefined ? repo.index.get(id.toLowerCase())?.item : undefined;
    if (id !== undefined && !existing) throw new NotFoundError(`Project ${id} not found`);
    const name = String(body.name);
    const clash = repo.index
      .values()
      .find(
        (e) => String(e.item.name ?? '').toLowerCase() === name.toLowerCase() && e.id !== id?.toLowerCase(),
      );
    if (clash) throw new InputError(`A Project named '${name}' already exists`);
    const project = { ...body, id: id ?? (typeof body.id === 'string' && body.id ? body.id : randomUUID()) };
    return repo.put(project, { user, ...(existing ? { previous: existing } : {}) });
  });
}

/** Front50's `/v2/projects` (ProjectsController). */
export function registerProjectRoutes(app: FastifyInstance, repos: Repositories): void {
  const repo = repos.project;

  app.get('/v2/projects', async (request) => {
    const query = parseQuery(z.record(z.string(), z.string()), request);
    const { pageSize, ...filters } = query;
    const list = items(await repo.all())
      .filter((p) =>
        Object.entries(filters).every(([k, v]) =>
          JSON.stringify(p[k] ?? '')
            .toLowerCase()
            .includes(v.toLowerCase()),
        ),
      )
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    return pageSize ? list.slice(0, Number(pageSize)) : list;
  });

  app.get('/v2/projects/search', async (request) => {
    const { q } = parseQuery(z.looseObject({ q: z.string().default('') }), request);
    const needle = q.toLowerCase();
    return items(await repo.all()).filter(
      (p) =>
        String(p.name ?? '')
          .toLowerCase()
          .includes(needle) ||
        String(p.id ?? '')
          .toLowerCase()
          .includes(needle),
    );
  });

  app.get('/v2/projects/:id', async (request) => {
    const { id } = parseParams(IdParams, request);
    const found = await findByIdOrName(repo, id);
    if (!found) throw new NotFoundError(`Project ${id} not found`);
    return found;
  });

  app.post('/v2/projects', async (request) =>
    saveProject(repo, parseBody(ProjectBodySchema, request) as JsonObject, userOf(request)),
  );

  app.put('/v2/projects/:id', async (request) => {
    const { id } = parseParams(IdParams, request);
    return saveProject(repo, parseBody(ProjectBodySchema, request) as JsonObject, userOf(request), id);
  });

  app.delete('/v2/projects/:id', async (request, reply) => {
    const { id } = parseParams(IdParams, request);
    const found = await findByIdOrName(repo, id);
    if (!found) throw new NotFoundError(`Project ${id} not found`);
    await repo.remove(String(found.id));
    return reply.status(202).send();
  });

  app.post('/v2/projects/batchUpdate', async (request, reply) => {
    const body = parseBody(z.array(ProjectBodySchema), request) as JsonObject[];
    for (const project of body) {
      const id = typeof project.id === 'string' && (await repo.find(project.id)) ? project.id : undefined;
      await saveProject(repo, project, userOf(request), id);
    }
    return reply.status(202).send();
  });
}
