import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { GateError, csrfToken, gateGet, gateSend, primeGet } from './gate-client.js';
import { GateHealthSchema, getGateHealth } from './suite-status.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const errorBody = (status: number, code: string, message: string) => ({
  timestamp: 1,
  status,
  error: 'x',
  message,
  code,
  requestId: 'req-1',
});

const failure = async (promise: Promise<unknown>): Promise<GateError> => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GateError);
  return err as GateError;
};

afterEach(() => vi.unstubAllGlobals());

describe('gateGet', () => {
  it('calls gate through /gate with credentials and parses the answer', async () => {
    const fetchMock = vi.fn(async () => json(200, { version: '1.0.0', extra: true }));
    vi.stubGlobal('fetch', fetchMock);
    const data = await gateGet('/version', z.looseObject({ version: z.string() }));
    expect(data).toEqual({ version: '1.0.0', extra: true });
    expect(fetchMock).toHaveBeenCalledWith(
      '/gate/version',
      expect.objectContaining({ credentials: 'include' }),
    );
  });

  it('reports the proxy’s 502 as unreachable, with the request id', async () => {
    vi.stubGlobal('fetch', async () =>
      json(502, errorBody(502, 'UPSTREAM', 'gate is unreachable (ECONNREFUSED)')),
    );
    const err = await failure(gateGet('/version', z.unknown()));
    expect(err).toMatchObject({
      kind: 'unreachable',
      status: 502,
      message: 'gate is unreachable (ECONNREFUSED)',
    });
    expect(err.requestId).toBe('req-1');
  });

  it('reports a network failure as unreachable', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await failure(gateGet('/version', z.unknown()))).toMatchObject({ kind: 'unreachable' });
  });

  it('reports gate’s own errors as http errors with gate’s message', async () => {
    vi.stubGlobal('fetch', async () => json(403, errorBody(403, 'NOT_ALLOWED', 'no READ on cargo')));
    expect(await failure(gateGet('/applications/cargo', z.unknown()))).toMatchObject({
      kind: 'http',
      status: 403,
      message: 'no READ on cargo',
    });
  });

  it('reports a body that breaks the schema as invalid-response, naming the field', async () => {
    vi.stubGlobal('fetch', async () => json(200, { version: 7 }));
    const err = await failure(gateGet('/version', z.object({ version: z.string() })));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('version');
  });
});

describe('getGateHealth', () => {
  it('treats gate’s 503 health body as an answer (DOWN), not a failure', async () => {
    const body = {
      status: 'DOWN',
      checks: { redis: { status: 'DOWN', latencyMs: 2000, error: 'timed out' } },
    };
    vi.stubGlobal('fetch', async () => json(503, body));
    expect(await getGateHealth()).toEqual(GateHealthSchema.parse(body));
  });

  it('treats a 503 that is not a health body as unreachable', async () => {
    vi.stubGlobal('fetch', async () => new Response('upstream connect error', { status: 503 }));
    expect(await failure(getGateHealth())).toMatchObject({ kind: 'unreachable', status: 503 });
  });
});

describe('primeGet', () => {
  it('starts a GET early and hands its answer to the next gateGet of that path, once', async () => {
    const fetchMock = vi.fn(async () => json(200, { version: '1' }));
    vi.stubGlobal('fetch', fetchMock);
    primeGet('/version');
    primeGet('/version');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await expect(gateGet('/version', z.looseObject({ version: z.string() }))).resolves.toEqual({
      version: '1',
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await gateGet('/version', z.unknown());
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('times out a primed request that does not answer', async () => {
    vi.stubGlobal('fetch', () => new Promise<Response>(() => undefined));
    primeGet('/slow');
    expect(await failure(gateGet('/slow', z.unknown(), { timeoutMs: 20 }))).toMatchObject({
      kind: 'timeout',
    });
  });
});

describe('csrfToken', () => {
  it('reads gate’s XSRF-TOKEN cookie', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=abc%3D%3D; b=2')).toBe('abc==');
    expect(csrfToken('a=1')).toBeUndefined();
    expect(csrfToken('')).toBeUndefined();
  });
});

describe('gateSend', () => {
  it('sends JSON with the method and reports failures with it', async () => {
    const fetchMock = vi.fn(async () => json(200, { ref: '/tasks/1' }));
    vi.stubGlobal('fetch', fetchMock);
    const answer = await gateSend('POST', '/tasks', { a: 1 }, z.object({ ref: z.string() }));
    expect(answer).toEqual({ ref: '/tasks/1' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/gate/tasks',
      expect.objectContaining({
        method: 'POST',
        body: '{"a":1}',
        headers: expect.objectContaining({ 'content-type': 'application/json' }),
      }),
    );

    vi.stubGlobal('fetch', async () => json(400, errorBody(400, 'BAD_REQUEST', 'missing version')));
    const err = await failure(gateSend('PATCH', '/pipelines/e/stages/s', {}, z.unknown()));
    expect(err).toMatchObject({ kind: 'http', status: 400, method: 'PATCH', message: 'missing version' });
  });

  it('treats an empty answer as undefined', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(gateSend('PUT', '/pipelines/e/cancel', undefined, z.unknown())).resolves.toBeUndefined();
  });
});
