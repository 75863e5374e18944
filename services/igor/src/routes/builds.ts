import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseParams } from '@genoa/shared/node';
import type { JenkinsService } from '../jenkins-service.js';
import { jobParam, withJob } from './masters.js';

const BuildParams = z
  .object({ buildNumber: z.coerce.number().int().nonnegative(), master: z.string() })
  .loose();
const QueueParams = z.object({ master: z.string(), item: z.coerce.number().int().nonnegative() });

/** `/builds/all|status|properties|queue/…` (edge.md §5.3). */
export function registerBuildRoutes(app: FastifyInstance, jenkins: JenkinsService): void {
  withJob(app, 'GET', '/builds/all/:master', async (request) => {
    const { master } = request.params as { master: string };
    return jenkins.builds(master, jobParam(request));
  });
  withJob(app, 'GET', '/builds/status/:buildNumber/:master', async (request) => {
    const { buildNumber, master } = parseParams(BuildParams, request);
    return jenkins.buildStatus(master, jobParam(request), buildNumber);
  });
  withJob(app, 'GET', '/builds/properties/:buildNumber/:fileName/:master', async (request) => {
    const { buildNumber, master } = parseParams(BuildParams, request);
    const { fileName } = request.params as { fileName: string };
    return jenkins.properties(master, jobParam(request), buildNumber, fileName);
  });
  app.get('/builds/queue/:master/:item', async (request) => {
    const { master, item } = parseParams(QueueParams, request);
    return jenkins.queuedBuild(master, item);
  });
}
