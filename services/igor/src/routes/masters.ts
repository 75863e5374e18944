import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { InputError, NotFoundError } from '@genoa/shared';
import { parseBody } from '@genoa/shared/node';
import { z } from 'zod';
import type { JenkinsService } from '../jenkins-service.js';

/** The job name of a wildcard route: the rest of the path, or `?job=` (folder jobs). */
export function jobParam(request: FastifyRequest): string {
  const params = request.params as Record<string, string | undefined>;
  const query = request.query as Record<string, unknown>;
  const job = (typeof query.job === 'string' && query.job) || params['*'];
  if (!job) throw new InputError('a job name is required', [{ path: 'job', message: 'required' }]);
  return job.replace(/\/+$/, '');
}

/** Routes both `prefix/*` and `prefix` (for `?job=`). */
export function withJob(
  app: FastifyInstance,
  method: 'GET' | 'PUT' | 'PATCH',
  prefix: string,
  handler: RouteHandlerMethod,
): void {
  app.route({ method, url: `${prefix}/*`, handler });
  app.route({ method, url: prefix, handler });
}

/** `GET /masters`, `GET /buildServices`, `GET /jobs/{master}[/{job}]`, `PUT /masters/{name}/jobs/{job}`. */
export function registerMasterRoutes(app: FastifyInstance, jenkins: JenkinsService): void {
  app.get('/masters', async () => [...jenkins.clients.keys()]);
  app.get('/buildServices', async () =>
    [...jenkins.clients.keys()].map((name) => ({ name, buildServiceProvider: 'JENKINS', permissions: {} })),
  );
  app.get('/jobs/:master', async (request) => {
    const { master } = request.params as { master: string };
    const query = request.query as { job?: string };
    if (query.job) return jenkins.jobConfig(master, query.job);
    return jenkins.jobNames(master);
  });
  app.get('/jobs/:master/*', async (request) => {
    const { master } = request.params as { master: string };
    return jenkins.jobConfig(master, jobParam(request));
  });
  withJob(app, 'PUT', '/masters/:name/jobs', async (request, reply) => {
    const { name } = request.params as { name: string };
    const stop = /^(.+)\/stop\/(\d+)\/(\d+)$/.exec(jobParam(request));
    if (stop) {
      // PUT /masters/{name}/jobs/{job}/stop/{queuedBuild}/{buildNumber}: 0 = cancel the queue item.
      const client = jenkins.client(name);
      if (Number(stop[3]) > 0) await client.stop(stop[1]!, Number(stop[3]));
      else await client.cancelQueueItem(Number(stop[2]));
      return reply.type('text/plain').send('true');
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.query as Record<string, unknown>)) {
      if (k === 'job') continue;
      params[k] = Array.isArray(v) ? String(v.at(-1)) : String(v);
    }
    // The body is the stage start time: a bare string as orca sends it, or `{startTime}`.
    const body = request.body as unknown;
    const startTime =
      typeof body === 'string' || typeof body === 'number'
        ? String(body)
        : typeof (body as { startTime?: unknown } | null)?.startTime === 'string'
          ? (body as { startTime: string }).startTime
          : undefined;
    const outcome = await jenkins.trigger(name, jobParam(request), params, {
      executionId: request.headers['x-spinnaker-execution-id'] as string | undefined,
      startTime: startTime === '' ? undefined : startTime,
    });
    if ('pending' in outcome) return reply.status(202).send('');
    return reply.type('text/plain').send(String(outcome.queueItem));
  });
  // PATCH /masters/{name}/jobs/{job}/update/{buildNumber} with {description}: orca's backlink.
  app.patch('/masters/:name/jobs/*', async (request, reply) => {
    const { name } = request.params as { name: string };
    const update = /^(.+)\/update\/(\d+)$/.exec(jobParam(request));
    if (!update) throw new NotFoundError('expected /masters/{name}/jobs/{job}/update/{buildNumber}');
    const body = parseBody(z.object({ description: z.string() }), request);
    await jenkins.client(name).setDescription(update[1]!, Number(update[2]), body.description);
    return reply.status(200).send();
  });
}
