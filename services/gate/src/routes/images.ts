import { parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';

const Provider = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/, 'must be a cloud provider name');
const FindQuery = z.looseObject({ provider: Provider.default('aws') });
const TagsQuery = z.looseObject({
  provider: Provider.default('dockerRegistry'),
  account: z.string().min(1),
  repository: z.string().min(1),
});

/** The query without `provider`, as strings, for forwarding. */
const rest = (query: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter(([k]) => k !== 'provider')
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );

/**
 * Spinnaker gate's ImageController: `GET /images/find?provider=&q=&account=&count=…` and
 * `GET /images/tags?provider=&account=&repository=`, passed to clouddriver's
 * `/{provider}/images/find|tags` (Deck's docker trigger uses `provider=dockerRegistry`).
 */
export function imageRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { clouddriver } = ctx.downstream;
  app.get('/images/find', async (request) => {
    const query = parseQuery(FindQuery, request);
    return clouddriver.get(`/${query.provider}/images/find`, { ...as(request), query: rest(query) });
  });
  app.get('/images/tags', async (request) => {
    const query = parseQuery(TagsQuery, request);
    return clouddriver.get(`/${query.provider}/images/tags`, { ...as(request), query: rest(query) });
  });
}
