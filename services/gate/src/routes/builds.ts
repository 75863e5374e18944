import { parseParams, parseQuery } from '@genoa/shared/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { as, type GateContext } from '../context.js';
import { doc } from '../openapi.js';

const Segment = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^/?#]+$/, 'must be one path segment');
const Master = z.object({ master: Segment });
const MasterJob = z.object({ master: Segment, '*': z.string().min(1).max(2000) });
const MasterNumber = z.object({ master: Segment, number: z.coerce.number().int().min(0) });
const MasterNumberJob = MasterNumber.extend({ '*': z.string().min(1).max(2000) });
const TypeQuery = z.object({ type: z.string().max(100).optional() });
const JobQuery = z.object({ job: z.string().min(1).max(2000) });

/** A job path (`folder/job/name`) with each segment encoded. */
const jobPath = (job: string) =>
  job
    .split('/')
    .filter(Boolean)
    .map((s) => encodeURIComponent(s))
    .join('/');

/**
 * Build servers through igor (Spinnaker's BuildController): `/v2/builds…` with the job in the path,
 * `/v3/builds…` with it in `?job=` (folder jobs containing `/`).
 */
export function buildRoutes(app: FastifyInstance, ctx: GateContext): void {
  const { igor } = ctx.downstream;
  const tags = ['builds'];
  const m = (master: string) => encodeURIComponent(master);

  app.get('/v2/builds', doc({ summary: 'Build masters', tags, query: TypeQuery }), async (request) => {
    parseQuery(TypeQuery, request);
    return igor.get('/masters', as(request));
  });
  app.get(
    '/v2/builds/:master/jobs',
    doc({ summary: "A master's jobs", tags, params: Master }),
    async (request) => igor.get(`/jobs/${m(parseParams(Master, request).master)}`, as(request)),
  );
  app.get(
    '/v2/builds/:master/jobs/*',
    doc({ summary: 'A job’s config', tags, params: MasterJob }),
    async (request) => {
      const p = parseParams(MasterJob, request);
      return igor.get(`/jobs/${m(p.master)}/${jobPath(p['*'])}`, as(request));
    },
  );
  app.get(
    '/v2/builds/:master/builds/*',
    doc({ summary: 'A job’s builds', tags, params: MasterJob }),
    async (request) => {
      const p = parseParams(MasterJob, request);
      return igor.get(`/builds/all/${m(p.master)}/${jobPath(p['*'])}`, as(request));
    },
  );
  app.get(
    '/v2/builds/:master/build/:number/*',
    doc({ summary: 'One build', tags, params: MasterNumberJob }),
    async (request) => {
      const p = parseParams(MasterNumberJob, request);
      return igor.get(`/builds/status/${p.number}/${m(p.master)}/${jobPath(p['*'])}`, as(request));
    },
  );

  app.get('/v3/builds', doc({ summary: 'Build masters', tags, query: TypeQuery }), async (request) => {
    parseQuery(TypeQuery, request);
    return igor.get('/masters', as(request));
  });
  app.get(
    '/v3/builds/:master/jobs',
    doc({ summary: "A master's jobs", tags, params: Master }),
    async (request) => igor.get(`/jobs/${m(parseParams(Master, request).master)}`, as(request)),
  );
  app.get(
    '/v3/builds/:master/job',
    doc({ summary: 'A job’s config', tags, params: Master, query: JobQuery }),
    async (request) => {
      const { master } = parseParams(Master, request);
      return igor.get(`/jobs/${m(master)}`, { ...as(request), query: parseQuery(JobQuery, request) });
    },
  );
  app.get(
    '/v3/builds/:master/builds',
    doc({ summary: 'A job’s builds', tags, params: Master, query: JobQuery }),
    async (request) => {
      const { master } = parseParams(Master, request);
      return igor.get(`/builds/all/${m(master)}`, { ...as(request), query: parseQuery(JobQuery, request) });
    },
  );
  app.get(
    '/v3/builds/:master/build/:number',
    doc({ summary: 'One build', tags, params: MasterNumber, query: JobQuery }),
    async (request) => {
      const p = parseParams(MasterNumber, request);
      return igor.get(`/builds/status/${p.number}/${m(p.master)}`, {
        ...as(request),
        query: parseQuery(JobQuery, request),
      });
    },
  );
}
