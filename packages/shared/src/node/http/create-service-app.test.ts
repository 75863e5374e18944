import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PipelineSchema } from '../../model/pipeline.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { createLogger } from '../logger.js';
import { signIdentity } from '../identity.js';
import { createServiceApp } from './create-service-app.js';
import { parseBody, parseQuery } from './validation.js';

const secret = 'test-secret-0123456789';
let app: FastifyInstance;
let healthy = true;

function build(): FastifyInstance {
  const built = createServiceApp({
    service: 'test',
    version: '1.2.3',
    logger: createLogger({ service: 'test', level: 'silent' }),
    internalSecret: secret,
    bodyLimitBytes: 1024,
    healthChecks: [
      {
        name: 'redis',
        check: async () => {
          if (!healthy) throw new Error('connection refused');
        },
      },
    ],
  }).app;
  built.post('/pipelines', async (request) => {
    const pipeline = parseBody(PipelineSchema, request);
    return { saved: pipeline.stages.length };
  });
  built.get('/search', async (request) =>
    parseQuery(z.object({ limit: z.coerce.number().int().max(100) }), request),
  );
  built.get('/missing', async () => {
    throw new NotFoundError('Pipeline p not found');
  });
  built.get('/conflict', async () => {
    throw new ConflictError('stale copy');
  });
  built.get('/boom', async () => {
    throw new Error('db password is hunter2 at /srv/x.js:12');
  });
  built.get('/whoami', async (request) => ({
    identity: request.identity,
    verified: request.identityVerified,
  }));
  return built;
}

afterEach(async () => {
  healthy = true;
  await app?.close();
});

describe('createServiceApp', () => {
  it('answers /version, /health and /metrics', async () => {
    app = build();
    expect((await app.inject('/version')).json()).toEqual({ service: 'test', version: '1.2.3' });
    const health = await app.inject('/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'UP', checks: { redis: { status: 'UP' } } });
    expect((await app.inject('/health/liveness')).statusCode).toBe(200);
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('http_server_requests_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('reports DOWN with the failing dependency and 503', async () => {
    app = build();
    healthy = false;
    const health = await app.inject('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({
      status: 'DOWN',
      checks: { redis: { status: 'DOWN', error: 'connection refused' } },
    });
    expect((await app.inject('/health/liveness')).statusCode).toBe(200);
  });

  it('turns an invalid body into 400 naming the field path', async () => {
    app = build();
    const response = await app.inject({
      method: 'POST',
      url: '/pipelines',
      payload: { stages: [{ name: 'no type' }] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ status: 400, error: 'Bad Request', code: 'INPUT' });
    expect(body.errors).toContainEqual(expect.objectContaining({ path: 'stages[0].type' }));
    expect(body.message).toContain('stages[0].type');
  });

  it('turns malformed JSON, oversize bodies and bad queries into 4xx, never 500', async () => {
    app = build();
    const malformed = await app.inject({
      method: 'POST',
      url: '/pipelines',
      headers: { 'content-type': 'application/json' },
      payload: '{"stages": [',
    });
    expect(malformed.statusCode).toBe(400);
    const big = await app.inject({
      method: 'POST',
      url: '/pipelines',
      payload: { stages: [], pad: 'x'.repeat(4096) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ status: 413 });
    const query = await app.inject('/search?limit=1000');
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].path).toBe('limit');
    const contextJson = await app.inject({
      method: 'POST',
      url: '/pipelines',
      headers: { 'content-type': 'application/context+json' },
      payload: JSON.stringify({ stages: [{ type: 'wait' }] }),
    });
    expect(contextJson.json()).toEqual({ saved: 1 });
  });

  it('maps errors of the vocabulary and hides the details of faults', async () => {
    app = build();
    expect((await app.inject('/missing')).json()).toMatchObject({
      status: 404,
      message: 'Pipeline p not found',
    });
    expect((await app.inject('/conflict')).statusCode).toBe(409);
    const boom = await app.inject('/boom');
    expect(boom.statusCode).toBe(500);
    expect(boom.json().message).toBe('Internal Server Error');
    expect(boom.body).not.toContain('hunter2');
    expect(boom.body).not.toContain('.js:');
    const none = await app.inject('/nowhere');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('NOT_FOUND');
  });

  it('echoes or assigns a request id', async () => {
    app = build();
    const given = await app.inject({ url: '/version', headers: { 'x-request-id': 'req-42' } });
    expect(given.headers['x-request-id']).toBe('req-42');
    const assigned = await app.inject('/version');
    expect(assigned.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('trusts identity headers only when signed for this request', async () => {
    app = build();
    const bare = await app.inject({ url: '/whoami', headers: { 'x-spinnaker-user': 'admin' } });
    expect(bare.json()).toEqual({ identity: { user: 'anonymous', accounts: [] }, verified: false });
    const signed = await app.inject({
      url: '/whoami',
      headers: signIdentity({ user: 'alice', accounts: ['prod'] }, 'GET', '/whoami', secret),
    });
    expect(signed.json()).toEqual({ identity: { user: 'alice', accounts: ['prod'] }, verified: true });
  });
});
