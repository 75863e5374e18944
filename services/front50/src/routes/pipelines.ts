import { NotFoundError, PipelineSchema, StageConfigSchema } from '@genoa/shared';
import { parseBody, parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ObjectRepository } from '../domain/object-repository.js';
import {
  deletePipelineByName,
  isTriggeredBy,
  matchesFilters,
  savePipeline,
  sortForApplication,
} from '../domain/pipelines.js';
import type { Repositories } from '../domain/storage.js';
import type { JsonObject } from '../object-types.js';
import { HistoryQuerySchema, items, queryFlag, sendJsonArray, userOf } from './helpers.js';

/** A pipeline body: the shared wire schema, with `stages` optional as Front50 allows. */
export const PipelineBodySchema = PipelineSchema.extend({ stages: z.array(StageConfigSchema).nullish() });

const ListQuery = z.looseObject({
  enabledPipelines: queryFlag,
  enabledTriggers: queryFlag,
  triggerTypes: z.string().optional(),
});
const AppQuery = z.looseObject({ pipelineNameFilter: z.string().optional(), enabledPipelines: queryFlag });
const SaveQuery = z.looseObject({ staleCheck: queryFlag });
const IdParams = z.object({ id: z.string().min(1) });
const AppParams = z.object({ application: z.string().min(1) });
const AppNameParams = z.object({ application: z.string().min(1), name: z.string().min(1) });
const TriggeredByParams = z.object({ id: z.string().min(1), status: z.string().min(1) });
const ReorderBody = z.object({
  application: z.string().min(1),
  idsToIndices: z.record(z.string(), z.number().int()),
});

/**
 * Front50's `/pipelines` (or `/strategies`) resource, the same rules for both (PipelineController,
 * StrategyController), plus `/actions/{base}/reorder`.
 */
export function registerPipelineRoutes(
  app: FastifyInstance,
  repos: Repositories,
  base: 'pipelines' | 'strategies',
): void {
  const repo: ObjectRepository = base === 'pipelines' ? repos.pipeline : repos.strategy;
  const label = repo.type.label;

  app.get(`/${base}`, async (request, reply) => {
    const q = parseQuery(ListQuery, request);
    const filters = {
      ...(q.enabledPipelines !== undefined ? { enabledPipelines: q.enabledPipelines } : {}),
      ...(q.enabledTriggers !== undefined ? { enabledTriggers: q.enabledTriggers } : {}),
      ...(q.triggerTypes ? { triggerTypes: q.triggerTypes.split(',').map((t) => t.trim()) } : {}),
    };
    if (Object.keys(filters).length === 0) {
      return reply.type('application/json; charset=utf-8').send(await repo.allAsJsonArray());
    }
    const entries = (await repo.all()).filter((e) => matchesFilters(e.item, filters));
    return sendJsonArray(
      reply,
      entries.map((e) => e.json),
    );
  });

  app.get(`/${base}/:application`, async (request) => {
    const { application } = parseParams(AppParams, request);
    const q = parseQuery(AppQuery, request);
    const filter = q.pipelineNameFilter?.toLowerCase();
    const found = items(await repo.inPartition(application)).filter(
      (p) =>
        (!filter ||
          String(p.name ?? '')
            .toLowerCase()
            .includes(filter)) &&
        (q.enabledPipelines === undefined || (p.disabled === true) !== q.enabledPipelines),
    );
    return sortForApplication(found);
  });

  app.get(`/${base}/:application/name/:name`, async (request) => {
    const { application, name } = parseParams(AppNameParams, request);
    const match = (await repo.inPartition(application)).find(
      (e) => String(e.item.name ?? '').toLowerCase() === name.toLowerCase(),
    );
    if (!match) throw new NotFoundError(`${label} ${name} not found in application ${application}`);
    return match.item;
  });

  app.get(`/${base}/:id/get`, async (request) => {
    const { id } = parseParams(IdParams, request);
    const found = await repo.read(id);
    if (!found) throw new NotFoundError(`No ${label.toLowerCase()} found with id ${id}`);
    return found.item;
  });

  app.get(`/${base}/:id/history`, async (request) => {
    const { id } = parseParams(IdParams, request);
    const { limit } = parseQuery(HistoryQuerySchema, request);
    const versions = await repo.history(id, limit);
    if (!versions) throw new NotFoundError(`No ${label.toLowerCase()} found with id ${id}`);
    return versions;
  });

  app.get(`/${base}/triggeredBy/:id/:status`, async (request) => {
    const { id, status } = parseParams(TriggeredByParams, request);
    return items(await repo.all()).filter((p) => isTriggeredBy(p, id, status));
  });

  app.post(`/${base}`, async (request) => {
    const body = parseBody(PipelineBodySchema, request) as JsonObject;
    const { staleCheck } = parseQuery(SaveQuery, request);
    return savePipeline(repo, body, { user: userOf(request), staleCheck: staleCheck === true });
  });

  app.post(`/${base}/batchUpdate`, async (request) => {
    const body = parseBody(z.array(z.record(z.string(), z.unknown())), request);
    const { staleCheck } = parseQuery(SaveQuery, request);
    const successful: string[] = [];
    const failed: JsonObject[] = [];
    for (const raw of body) {
      try {
        const pipeline = PipelineBodySchema.parse(raw) as JsonObject;
        const saved = await savePipeline(repo, pipeline, {
          user: userOf(request),
          staleCheck: staleCheck === true,
        });
        successful.push(String(saved.name));
      } catch (err) {
        const invalid = err instanceof z.ZodError;
        const status = invalid ? 400 : (err as { status?: number }).status;
        if (status === undefined || status >= 500) throw err;
        const errorMsg = invalid
          ? `Invalid ${label.toLowerCase()}: ${err.issues[0]?.message}`
          : (err as Error).message;
        failed.push({ id: raw.id, name: raw.name, application: raw.application, errorMsg });
      }
    }
    return {
      successful_pipelines_count: successful.length,
      successful_pipelines: successful,
      failed_pipelines_count: failed.length,
      failed_pipelines: failed,
    };
  });

  app.put(`/${base}/:id`, async (request) => {
    const { id } = parseParams(IdParams, request);
    const body = parseBody(PipelineBodySchema, request) as JsonObject;
    return savePipeline(repo, body, { user: userOf(request), staleCheck: false, updateId: id });
  });

  app.delete(`/${base}/:application/:name`, async (request, reply) => {
    const { application, name } = parseParams(AppNameParams, request);
    const id = await deletePipelineByName(repo, application, name);
    const managed = `${id}@managed-service-account`;
    if (base === 'pipelines' && (await repos.serviceAccount.find(managed))) {
      await repos.serviceAccount.remove(managed);
    }
    return reply.status(200).send();
  });

  app.post(`/actions/${base}/reorder`, async (request, reply) => {
    const { application, idsToIndices } = parseBody(ReorderBody, request);
    await repo.withLock(application, async () => {
      for (const entry of await repo.inPartition(application)) {
        const index = idsToIndices[String(entry.item.id)];
        if (index !== undefined && entry.item.index !== index) {
          await repo.put({ ...entry.item, index }, { user: userOf(request), previous: entry.item });
        }
      }
    });
    return reply.status(200).send();
  });
}
