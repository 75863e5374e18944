import { NotFoundError } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AccountRegistry } from '../adapters/accounts.js';
import type { LiveCache } from '../adapters/live-cache.js';
import {
  applicationsView,
  clustersView,
  loadBalancersView,
  serverGroupManagersView,
  serverGroupSummary,
  serverGroupView,
} from '../domain/infrastructure.js';
import { parseManifestName } from '../domain/kube-object.js';

const AppParams = z.object({ app: z.string().min(1) });

/** Sets the freshness headers of a cached view. */
export function freshnessHeaders(reply: FastifyReply, cache: LiveCache, accounts?: string[]): void {
  const f = cache.freshness(accounts);
  void reply.header('x-genoa-cache-age-ms', String(f.ageMs));
  if (f.lastEventAt) void reply.header('x-genoa-cache-last-event', f.lastEventAt);
  void reply.header('x-genoa-cache-synced', String(f.synced));
}

/** The cached infrastructure views Deck reads (engine.md §6.7), each with freshness headers. */
export function infrastructureRoutes(
  app: FastifyInstance,
  accounts: AccountRegistry,
  cache: LiveCache,
): void {
  app.get('/applications', async (_request, reply) => {
    freshnessHeaders(reply, cache);
    return applicationsView(cache.snapshot());
  });
  app.get('/applications/:app', async (request, reply) => {
    const { app: name } = parseParams(AppParams, request);
    freshnessHeaders(reply, cache);
    const found = applicationsView(cache.snapshot()).find((a) => a.name === name);
    if (!found) throw new NotFoundError(`Application ${name} not found`);
    return { name, attributes: found.attributes, clusters: found.clusterNames };
  });
  app.get('/applications/:app/clusters', async (request, reply) => {
    const { app: name } = parseParams(AppParams, request);
    freshnessHeaders(reply, cache);
    return clustersView(cache.snapshot(), name);
  });
  app.get('/applications/:app/clusters/:account/:cluster/:provider', async (request, reply) => {
    const p = parseParams(
      AppParams.extend({ account: z.string(), cluster: z.string(), provider: z.string() }),
      request,
    );
    accounts.requireForView(p.account);
    freshnessHeaders(reply, cache, [p.account]);
    const snapshot = cache.snapshot(p.account);
    const members = snapshot
      .ofApplication(p.app, 'serverGroups')
      .filter((i) => i.moniker.cluster === p.cluster);
    if (members.length === 0) throw new NotFoundError(`Cluster ${p.cluster} not found in ${p.account}`);
    return {
      name: p.cluster,
      moniker: { app: p.app, cluster: p.cluster },
      type: 'kubernetes',
      accountName: p.account,
      application: p.app,
      serverGroups: members.map((m) => serverGroupView(snapshot, m.account, m.object)),
      loadBalancers: loadBalancersView(snapshot, p.app),
    };
  });
  app.get('/applications/:app/serverGroups', async (request, reply) => {
    const { app: name } = parseParams(AppParams, request);
    parseQuery(z.object({ expand: z.string().optional() }).loose(), request);
    freshnessHeaders(reply, cache);
    const snapshot = cache.snapshot();
    return snapshot
      .ofApplication(name, 'serverGroups')
      .map((i) => serverGroupSummary(snapshot, i.account, i.object));
  });
  app.get('/applications/:app/loadBalancers', async (request, reply) => {
    const { app: name } = parseParams(AppParams, request);
    freshnessHeaders(reply, cache);
    return loadBalancersView(cache.snapshot(), name);
  });
  app.get('/applications/:app/serverGroupManagers', async (request, reply) => {
    const { app: name } = parseParams(AppParams, request);
    freshnessHeaders(reply, cache);
    return serverGroupManagersView(cache.snapshot(), name);
  });
  const serverGroup = async (
    params: { account: string; namespace: string; name: string },
    reply: FastifyReply,
  ) => {
    accounts.requireForView(params.account);
    const parsed = parseManifestName(params.name);
    if (!parsed) throw new NotFoundError(`Server group name must be "<kind> <name>", got "${params.name}"`);
    freshnessHeaders(reply, cache, [params.account]);
    const snapshot = cache.snapshot(params.account);
    const object = snapshot.find(params.account, params.namespace, parsed.kind, parsed.name);
    if (!object)
      throw new NotFoundError(
        `Server group ${params.name} not found in ${params.account}/${params.namespace}`,
      );
    return serverGroupView(snapshot, params.account, object);
  };
  const SgParams = z.object({ account: z.string(), namespace: z.string(), name: z.string() });
  app.get('/serverGroups/:account/:namespace/:name', async (request, reply) =>
    serverGroup(parseParams(SgParams, request), reply),
  );
  app.get('/applications/:app/serverGroups/:account/:namespace/:name', async (request, reply) =>
    serverGroup(parseParams(SgParams.extend({ app: z.string() }), request), reply),
  );
}
