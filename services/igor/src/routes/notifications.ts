import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '@genoa/shared';
import { parseBody } from '@genoa/shared/node';
import { isComplete } from '../domain/build.js';
import { buildEventId } from '../domain/event-id.js';
import { jobNameFromUrl } from '../domain/jobs.js';
import type { JenkinsService } from '../jenkins-service.js';
import type { BuildAnnouncer } from '../monitors/build-announcer.js';

/** A Jenkins Notification-plugin (or compatible) POST body. */
export const JenkinsNotificationSchema = z.looseObject({
  name: z.string().min(1),
  url: z.string().optional(),
  build: z.looseObject({
    number: z.number().int().positive(),
    phase: z.string(),
    status: z.string().optional(),
    url: z.string().optional(),
    full_url: z.string().optional(),
  }),
});

const FINISHED_PHASES = new Set(['COMPLETED', 'FINALIZED', 'FINISHED']);

/**
 * Push mode, `POST /jenkins/notifications/{master}`: Jenkins' Notification plugin calls it when a
 * build changes phase. On a finished phase igor re-reads the build from Jenkins (the payload lacks
 * the timestamp and artifacts echo needs) and announces it through the same marker and eventId as
 * the poller, so a build is announced once whichever path sees it first.
 */
export function registerNotificationRoutes(
  app: FastifyInstance,
  jenkins: JenkinsService,
  announcer: BuildAnnouncer,
): void {
  app.post('/jenkins/notifications/:master', async (request, reply) => {
    const { master } = request.params as { master: string };
    const body = parseBody(JenkinsNotificationSchema, request);
    const client = jenkins.client(master);
    const job = jobNameFromUrl(body.url ?? '') ?? jobNameFromUrl(body.build.url ?? '') ?? body.name;
    const eventId = buildEventId(master, job, body.build.number);
    if (!FINISHED_PHASES.has(body.build.phase.toUpperCase())) {
      return reply.status(202).send({ eventId, announced: false, reason: 'phase' });
    }
    let build;
    try {
      build = await client.build(job, body.build.number);
    } catch (err) {
      if (err instanceof NotFoundError)
        throw new NotFoundError(`build ${job} #${body.build.number} not found on ${master}`);
      throw err;
    }
    if (!isComplete(build)) return reply.status(202).send({ eventId, announced: false, reason: 'building' });
    const announced = await announcer.announce(master, job, build);
    return reply.status(202).send({ eventId, announced });
  });
}
