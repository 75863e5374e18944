import { DockerRegistryPaths } from '@genoa/shared';
import { parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DockerRegistryAccounts } from '../docker-registry/docker-registry-accounts.js';

const text = z.string().min(1).optional();
const FindQuerySchema = z
  .object({
    account: text,
    q: text,
    registry: text,
    repository: text,
    tag: text,
    count: z.coerce.number().int().min(1).max(100_000).optional(),
    includeDetails: z.enum(['true', 'false']).optional(),
  })
  .loose();
const TagsQuerySchema = z.object({ account: z.string().min(1), repository: z.string().min(1) }).loose();

/**
 * Spinnaker's Docker Registry lookups: `GET /dockerRegistry/images/find` (tagged images with digest
 * and `docker` artifact) and `GET /dockerRegistry/images/tags` (an unknown account gives `[]`, as in
 * Spinnaker).
 */
export function dockerRegistryRoutes(app: FastifyInstance, registries: DockerRegistryAccounts): void {
  app.get(DockerRegistryPaths.findImages, async (request) => {
    const { includeDetails: _details, ...lookup } = parseQuery(FindQuerySchema, request);
    return registries.find(lookup);
  });
  app.get(DockerRegistryPaths.tags, async (request) => {
    const { account, repository } = parseQuery(TagsQuerySchema, request);
    const found = registries.get(account);
    return found ? registries.tags(found, repository) : [];
  });
}
