import { InputError, PipelineExecutionSchema, type PipelineExecution } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const AppParams = z.object({ app: z.string().min(1).max(250) });
const bool = z.enum(['true', 'false']);
const SearchQuery = z.object({
  triggerTypes: z.string().max(1000).optional(),
  pipelineName: z.string().max(1000).optional(),
  eventId: z.string().max(500).optional(),
  /** Base64 of a JSON object every matching trigger contains. */
  trigger: z.string().max(20_000).optional(),
  triggerTimeStartBoundary: z.coerce.number().int().min(0).default(0),
  triggerTimeEndBoundary: z.coerce.number().int().min(0).default(Number.MAX_SAFE_INTEGER),
  statuses: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().min(0).max(100_000).default(0),
  size: z.coerce.number().int().min(1).max(1000).default(10),
  reverse: bool.default('false'),
  expand: bool.default('false'),
});
/** How many of the application's newest executions a search looks through. */
const SCAN_LIMIT = 1000;

/** Whether `actual` contains everything in `wanted` (objects by key, lists element-wise, scalars equal). */
export function containsJson(actual: unknown, wanted: unknown): boolean {
  if (wanted === null || typeof wanted !== 'object') return actual === wanted;
  if (Array.isArray(wanted))
    return Array.isArray(actual) && wanted.every((w) => actual.some((a) => containsJson(a, w)));
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(wanted).every(([k, v]) => containsJson((actual as Record<string, unknown>)[k], v));
}

function decodeTrigger(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InputError('trigger must be base64 of a JSON object', [{ path: 'trigger', message: 'invalid' }]);
}

/**
 * `GET /applications/{app}/executions/search` (Spinnaker's parameters): filters the application's
 * newest executions from orca by pipeline name, trigger types, event id, trigger contents, trigger
 * time and statuses; newest first (oldest first with `reverse`), paged by `startIndex`/`size`.
 */
export function executionSearchRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { orca } = ctx.downstream;
  app.get(
    '/applications/:app/executions/search',
    doc({
      summary: "Search an application's executions",
      tags: ['executions'],
      params: AppParams,
      query: SearchQuery,
      response: z.array(PipelineExecutionSchema),
    }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const q = parseQuery(SearchQuery, request);
      const trigger = decodeTrigger(q.trigger);
      await ctx.permissions.require(request.principal, name, 'READ');
      const all = await orca.get(`/applications/${encodeURIComponent(name)}/pipelines`, {
        ...as(request),
        query: {
          limit: SCAN_LIMIT,
          statuses: q.statuses,
          expand: q.expand === 'true' || trigger ? 'true' : 'false',
        },
        schema: z.array(PipelineExecutionSchema),
      });
      const types = q.triggerTypes
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const time = (e: PipelineExecution) => Number(e.buildTime ?? e.startTime ?? 0);
      const found = all
        .filter((e) => !q.pipelineName || e.name === q.pipelineName)
        .filter((e) => !types?.length || types.includes(String(e.trigger?.type)))
        .filter((e) => !q.eventId || (e.trigger as { eventId?: unknown } | undefined)?.eventId === q.eventId)
        .filter((e) => !trigger || containsJson(e.trigger, trigger))
        .filter((e) => time(e) >= q.triggerTimeStartBoundary && time(e) <= q.triggerTimeEndBoundary)
        .sort((a, b) => (q.reverse === 'true' ? time(a) - time(b) : time(b) - time(a)));
      const page = found.slice(q.startIndex, q.startIndex + q.size);
      if (q.expand === 'true' || !trigger) return page;
      return page.map((e) => ({
        ...e,
        stages: e.stages.map((s) => ({ ...s, context: {}, outputs: {}, tasks: [] })),
      }));
    },
  );
}
