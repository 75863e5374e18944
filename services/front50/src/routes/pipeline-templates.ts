import { InputError, NotFoundError } from '@genoa/shared';
import { parseBody, parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { items, userOf } from './helpers.js';

/** A (v1) pipeline template: a free-form map with an id. */
export const PipelineTemplateBodySchema = z.looseObject({
  id: z.string().trim().min(1, 'A pipeline template requires an id'),
});
const IdParams = z.object({ id: z.string().min(1) });

/** The template a templated pipeline uses (`config.pipeline.template.source` = `spinnaker://<id>`), if any. */
export function templateIdOf(pipeline: JsonObject): string | undefined {
  const config = pipeline.config as { pipeline?: { template?: { source?: unknown } } } | undefined;
  const source = config?.pipeline?.template?.source;
  if (typeof source === 'string' && source.startsWith('spinnaker://'))
    return source.slice('spinnaker://'.length);
  const template = pipeline.template as { reference?: unknown } | undefined;
  const reference = template?.reference;
  if (typeof reference === 'string' && reference.startsWith('spinnaker://')) {
    return reference.slice('spinnaker://'.length).split(/[:@]/)[0];
  }
  return undefined;
}

const scopesOf = (template: JsonObject): string[] => {
  const scopes = (template.metadata as { scopes?: unknown } | undefined)?.scopes;
  return Array.isArray(scopes) ? scopes.map(String) : [];
};

/** Front50's `/pipelineTemplates` (v1, PipelineTemplateController). */
export function registerPipelineTemplateRoutes(app: FastifyInstance, repos: Repositories): void {
  const repo = repos.pipelineTemplate;
  const dependents = async (id: string) =>
    items(await repos.pipeline.all()).filter((p) => templateIdOf(p)?.toLowerCase() === id.toLowerCase());

  app.get('/pipelineTemplates', async (request) => {
    const { scopes } = parseQuery(z.looseObject({ scopes: z.string().optional() }), request);
    const wanted = scopes
      ?.split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    return items(await repo.all()).filter(
      (t) => !wanted?.length || scopesOf(t).some((s) => wanted.includes(s.toLowerCase())),
    );
  });

  app.post('/pipelineTemplates', async (request) => {
    const body = parseBody(PipelineTemplateBodySchema, request);
    return repo.withLock(body.id, async () => {
      if (await repo.find(body.id))
        throw new InputError(`A pipeline template with the id ${body.id} already exists`);
      return repo.put(body, { user: userOf(request) });
    });
  });

  app.get('/pipelineTemplates/:id', async (request) => {
    const { id } = parseParams(IdParams, request);
    const found = await repo.find(id);
    if (!found) throw new NotFoundError(`Pipeline template ${id} not found`);
    return found.item;
  });

  app.put('/pipelineTemplates/:id', async (request) => {
    const { id } = parseParams(IdParams, request);
    const body = parseBody(PipelineTemplateBodySchema.partial({ id: true }), request);
    return repo.withLock(id, async () => {
      const existing = await repo.find(id);
      if (!existing) throw new NotFoundError(`Pipeline template ${id} not found`);
      return repo.put({ ...body, id: existing.item.id }, { user: userOf(request), previous: existing.item });
    });
  });

  app.delete('/pipelineTemplates/:id', async (request, reply) => {
    const { id } = parseParams(IdParams, request);
    const using = await dependents(id);
    if (using.length > 0) {
      throw new InputError(
        `Pipeline template ${id} is still used by ${using.length} pipeline(s): ${using.map((p) => String(p.name)).join(', ')}`,
      );
    }
    await repo.remove(id);
    return reply.status(204).send();
  });

  app.get('/pipelineTemplates/:id/dependentPipelines', async (request) => {
    const { id } = parseParams(IdParams, request);
    return dependents(id);
  });
}
