import { ApplicationSchema, NotFoundError, type Application } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const AppParams = z.object({ app: z.string().min(1).max(250) });
const ListQuery = z.object({ account: z.string().optional(), owner: z.string().optional() });
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) });
const GetQuery = z.object({ expand: z.enum(['true', 'false']).default('true') });
const CdApp = z.looseObject({
  name: z.string(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  clusterNames: z.record(z.string(), z.array(z.string())).optional(),
  clusters: z.record(z.string(), z.unknown()).optional(),
});

/** Merges front50's and clouddriver's application lists the way Gate's ApplicationService does. */
export function mergeApplications(
  front50: Application[],
  clouddriver: z.infer<typeof CdApp>[],
): Record<string, unknown>[] {
  const byName = new Map<string, Record<string, unknown>>();
  for (const app of clouddriver) {
    const name = app.name.toLowerCase();
    const accounts = Object.keys(app.clusterNames ?? {}).sort();
    byName.set(name, {
      ...(app.attributes ?? {}),
      name,
      ...(accounts.length ? { accounts: accounts.join(',') } : {}),
    });
  }
  for (const app of front50) {
    const name = app.name.toLowerCase();
    const fromCd = byName.get(name);
    byName.set(name, { ...app, name, ...(fromCd?.accounts ? { accounts: fromCd.accounts } : {}) });
  }
  return [...byName.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** `/applications`: the merged list and one application with `attributes` and `clusters`. */
export function applicationRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { front50, clouddriver } = ctx.downstream;

  app.get(
    '/applications',
    doc({ summary: 'Applications the caller may read', tags: ['applications'], query: ListQuery }),
    async (request) => {
      const query = parseQuery(ListQuery, request);
      const [f50, cd] = await Promise.all([
        front50.get('/v2/applications', {
          ...as(request),
          query: { restricted: 'false' },
          schema: z.array(ApplicationSchema),
        }),
        clouddriver
          .get('/applications', { ...as(request), query: { restricted: 'false' }, schema: z.array(CdApp) })
          .catch((err: unknown) => {
            request.log.warn({ err }, 'clouddriver application list unavailable; serving front50 only');
            return [];
          }),
      ]);
      let merged = mergeApplications(f50, cd);
      if (query.account)
        merged = merged.filter((a) =>
          String(a.accounts ?? '')
            .split(',')
            .includes(query.account!),
        );
      if (query.owner)
        merged = merged.filter((a) => String(a.email ?? '').toLowerCase() === query.owner!.toLowerCase());
      const visible = await Promise.all(
        merged.map(async (a) =>
          (await ctx.permissions.can(request.principal, String(a.name), 'READ')) ? a : undefined,
        ),
      );
      return visible.filter(Boolean);
    },
  );

  app.get(
    '/applications/:app',
    doc({
      summary: 'One application with attributes and clusters',
      tags: ['applications'],
      params: AppParams,
      query: GetQuery,
    }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const { expand } = parseQuery(GetQuery, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      const [f50, cd] = await Promise.all([
        front50
          .get(`/v2/applications/${encodeURIComponent(name)}`, { ...as(request), schema: ApplicationSchema })
          .catch((err: unknown) => (err instanceof NotFoundError ? undefined : Promise.reject(err))),
        expand === 'true'
          ? clouddriver
              .get(`/applications/${encodeURIComponent(name)}`, { ...as(request), schema: CdApp })
              .catch((err: unknown) => {
                if (!(err instanceof NotFoundError))
                  request.log.warn({ err }, 'clouddriver application unavailable');
                return undefined;
              })
          : undefined,
      ]);
      if (!f50 && !cd) throw new NotFoundError(`Application ${name} not found`);
      const lower = name.toLowerCase();
      const accounts = Object.keys(cd?.clusters ?? {}).sort();
      const attributes = {
        ...(cd?.attributes ?? {}),
        ...(f50 ?? {}),
        name: lower,
        ...(accounts.length ? { accounts: accounts.join(',') } : {}),
      };
      return { name: lower, attributes, clusters: expand === 'true' ? (cd?.clusters ?? {}) : {} };
    },
  );

  app.get(
    '/applications/:app/history',
    doc({
      summary: 'Past versions of an application',
      tags: ['applications'],
      params: AppParams,
      query: HistoryQuery,
    }),
    async (request) => {
      const { app: name } = parseParams(AppParams, request);
      const { limit } = parseQuery(HistoryQuery, request);
      await ctx.permissions.require(request.principal, name, 'READ');
      return front50.get(`/v2/applications/${encodeURIComponent(name)}/history`, {
        ...as(request),
        query: { limit },
      });
    },
  );
}
