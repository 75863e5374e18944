import { parseParams } from '@genoa/shared/node';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Segment = z.string().min(1).max(500);
const AppParams = z.looseObject({ app: Segment });

/** Query values as strings (repeated keys joined with commas), for forwarding. */
const forwardQuery = (request: FastifyRequest): Record<string, string> =>
  Object.fromEntries(
    Object.entries((request.query ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join(',') : String(v),
    ]),
  );

/**
 * Infrastructure reads passed through to clouddriver (clusters, server groups, load balancers,
 * server group managers, manifests, jobs, instances), READ-checked on the application when the
 * path names one.
 */
export function infrastructureRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { clouddriver } = ctx.downstream;
  const pass = async (request: FastifyRequest) => {
    const params = (request.params ?? {}) as Record<string, unknown>;
    const segments = Object.values(params);
    for (const s of segments) Segment.parse(s);
    if (params.app !== undefined) {
      await ctx.permissions.require(request.principal, parseParams(AppParams, request).app, 'READ');
    }
    const path = (request.url.split('?')[0] ?? '/').replace(/^\/+/, '/');
    return clouddriver.get(path, { ...as(request), query: forwardQuery(request) });
  };
  const appPaths = [
    '/applications/:app/clusters',
    '/applications/:app/clusters/:account',
    '/applications/:app/clusters/:account/:cluster',
    '/applications/:app/clusters/:account/:cluster/:provider',
    '/applications/:app/serverGroups',
    '/applications/:app/serverGroups/:account/:region/:name',
    '/applications/:app/loadBalancers',
    '/applications/:app/serverGroupManagers',
    '/applications/:app/jobs/:account/:location/:name',
  ];
  const otherPaths = [
    '/serverGroups',
    '/serverGroups/:account/:region/:name',
    '/manifests/:account/:location/:name',
    '/manifests/:account/:location/:kind/cluster/:app/:cluster',
    '/manifests/:account/:location/:kind/cluster/:app/:cluster/dynamic/:criteria',
    '/instances/:account/:region/:instanceId',
    '/instances/:account/:region/:instanceId/console',
    '/search',
  ];
  for (const p of [...appPaths, ...otherPaths])
    app.get(p, doc({ summary: 'clouddriver pass-through', tags: ['infrastructure'] }), pass);
}
