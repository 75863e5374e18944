import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { freePort } from '@genoa/testing';
import { InputError, NotFoundError, ServiceUnavailableError, UpstreamError } from '../../errors.js';
import { createServiceApp } from '../http/create-service-app.js';
import { parseBody } from '../http/validation.js';
import { createLogger } from '../logger.js';
import { createServiceClient } from './service-client.js';

const secret = 'client-test-secret-0123';
let server: FastifyInstance;
let baseUrl: string;
const hits = { flaky: 0, post: 0, slow: 0 };

beforeAll(async () => {
  server = createServiceApp({
    service: 'callee',
    version: '0',
    logger: createLogger({ service: 'callee', level: 'silent' }),
    internalSecret: secret,
  }).app;
  server.get('/flaky', async (_req, reply) => {
    hits.flaky += 1;
    if (hits.flaky < 3) return reply.status(503).send({ message: 'warming up' });
    return { ok: true, attempt: hits.flaky };
  });
  server.post('/flaky-post', async (_req, reply) => {
    hits.post += 1;
    return reply.status(503).send({ message: 'busy' });
  });
  server.get('/slow', async () => {
    hits.slow += 1;
    await new Promise((r) => setTimeout(r, 500));
    return { ok: true };
  });
  server.get('/whoami', async (request) => ({
    user: request.identity.user,
    verified: request.identityVerified,
    requestId: request.id,
  }));
  server.get('/wrong-shape', async () => ({ name: 42 }));
  server.post('/validate', async (request) => parseBody(z.object({ name: z.string() }), request));
  const port = await freePort();
  await server.listen({ port, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
});

describe('createServiceClient against a real server', () => {
  it('retries an idempotent call on 503 with back-off, then succeeds', async () => {
    const client = createServiceClient({ service: 'callee', baseUrl, retries: 3 });
    expect(await client.get('/flaky')).toEqual({ ok: true, attempt: 3 });
    expect(hits.flaky).toBe(3);
  });

  it('does not retry a POST', async () => {
    const client = createServiceClient({ service: 'callee', baseUrl, retries: 3 });
    await expect(client.post('/flaky-post', { body: {} })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(hits.post).toBe(1);
  });

  it('times out a slow call and reports the service as unavailable', async () => {
    const client = createServiceClient({ service: 'callee', baseUrl, retries: 0, timeoutMs: 100 });
    await expect(client.get('/slow')).rejects.toThrow(/callee is unreachable/);
  });

  it('signs the identity and forwards the request id', async () => {
    const client = createServiceClient({ service: 'callee', baseUrl, internalSecret: secret });
    const answer = await client.get('/whoami', {
      identity: { user: 'alice', accounts: [] },
      requestId: 'req-7',
    });
    expect(answer).toEqual({ user: 'alice', verified: true, requestId: 'req-7' });
    const unsigned = createServiceClient({ service: 'callee', baseUrl });
    expect(await unsigned.get('/whoami', { identity: { user: 'alice', accounts: [] } })).toMatchObject({
      user: 'anonymous',
      verified: false,
    });
  });

  it('validates responses and maps callee errors to the vocabulary', async () => {
    const client = createServiceClient({ service: 'callee', baseUrl });
    await expect(
      client.get('/wrong-shape', { schema: z.object({ name: z.string() }) }),
    ).rejects.toBeInstanceOf(UpstreamError);
    await expect(client.get('/nope')).rejects.toBeInstanceOf(NotFoundError);
    const input = await client.post('/validate', { body: { name: 1 } }).catch((err: unknown) => err);
    expect(input).toBeInstanceOf(InputError);
    expect((input as InputError).issues).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  it('reports a service that is not listening as unavailable', async () => {
    const client = createServiceClient({
      service: 'ghost',
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      retries: 1,
    });
    await expect(client.get('/x')).rejects.toThrow(/ghost is unreachable/);
  });
});
