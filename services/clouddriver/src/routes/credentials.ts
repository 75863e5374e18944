import { NotFoundError } from '@genoa/shared';
import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AccountRegistry } from '../adapters/accounts.js';
import type { DockerRegistryAccounts } from '../docker-registry/docker-registry-accounts.js';
import { credentialsView } from '../domain/accounts.js';

const ExpandQuerySchema = z.object({ expand: z.enum(['true', 'false']).default('false') }).loose();

/** `GET /credentials` and `/credentials/{account}` in Spinnaker's shape. */
export function credentialsRoutes(
  app: FastifyInstance,
  accounts: AccountRegistry,
  dockerRegistries?: DockerRegistryAccounts,
): void {
  const docker = () => dockerRegistries?.list() ?? [];
  app.get('/credentials', async (request) => {
    const { expand } = parseQuery(ExpandQuerySchema, request);
    return [
      ...accounts.list().map((a) => credentialsView(a.config, expand === 'true')),
      ...docker().map((a) => dockerRegistries!.credentialsView(a)),
    ];
  });
  app.get('/credentials/:account', async (request) => {
    const { account } = parseParams(z.object({ account: z.string() }), request);
    const found = accounts.get(account);
    const dockerAccount = found ? undefined : dockerRegistries?.get(account);
    if (dockerAccount) return dockerRegistries!.credentialsView(dockerAccount);
    if (!found) throw new NotFoundError(`Account "${account}" not found`);
    return credentialsView(found.config, true);
  });
}
