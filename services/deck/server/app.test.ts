import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@genoa/shared/node';
import { freePort } from '@genoa/testing';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { BUNDLE_MISSING_MESSAGE } from './spa-bundle.js';

const logger = createLogger({ service: 'deck', level: 'silent' });
const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const indexHtml = '<!doctype html><title>Genoa</title><div id="root"></div>';
const asset = 'console.log("deck");';

/** What the fake gate saw of the last request. */
interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let distDir: string;
let gate: FastifyInstance;
let gateUrl: string;
let seen: Seen | undefined;
let app: FastifyInstance | undefined;

const deck = async (overrides: { distDir?: string; gateUrl?: string } = {}) => {
  app = await buildApp({
    config: {
      DECK_DIST_DIR: overrides.distDir ?? distDir,
      DECK_GATE_URL: overrides.gateUrl ?? gateUrl,
      DECK_GATE_CONNECT_TIMEOUT_MS: 2_000,
    },
    logger,
    version: '1.2.3',
  });
  return app;
};

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'deck-dist-'));
  await mkdir(join(distDir, 'assets'));
  await writeFile(join(distDir, 'index.html'), indexHtml);
  await writeFile(join(distDir, 'assets', 'index-Ab12Cd34.js'), asset);
  await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(distDir, '.env'), 'SECRET=1');

  // A real gate stand-in that reports what it received.
  gate = fastify();
  gate.removeAllContentTypeParsers();
  gate.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  gate.all('/*', async (request, reply) => {
    seen = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: typeof request.body === 'string' ? request.body : '',
    };
    if (request.url.startsWith('/version')) return { version: '9.9.9' };
    if (request.url.startsWith('/events')) {
      // An endless event stream, like gate's live updates.
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      reply.raw.write('data: first\n\n');
      const timer = setInterval(() => reply.raw.write(': keep-alive\n\n'), 50);
      reply.raw.on('close', () => clearInterval(timer));
      return reply;
    }
    if (request.url.startsWith('/teapot'))
      return reply.code(418).header('x-gate', 'yes').send('short and stout');
    return { ok: true };
  });
  const port = await freePort();
  await gate.listen({ port, host: '127.0.0.1' });
  gateUrl = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  seen = undefined;
});

afterAll(async () => {
  await gate.close();
  await rm(distDir, { recursive: true, force: true });
});

describe('serving the SPA', () => {
  it('serves index.html at / with no-cache and the security headers', async () => {
    const res = await (await deck()).inject({ url: '/', headers: { accept: html } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(indexHtml);
  });

  it('falls back to index.html for a deep link that accepts HTML', async () => {
    const res = await (
      await deck()
    ).inject({ url: '/applications/cargo/executions?x=1', headers: { accept: html } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(indexHtml);
  });

  it('answers HEAD for the shell without a body', async () => {
    const res = await (await deck()).inject({ method: 'HEAD', url: '/somewhere', headers: { accept: html } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('does not fall back for requests that do not accept HTML', async () => {
    const res = await (
      await deck()
    ).inject({ url: '/applications', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('serves hashed assets with an immutable one-year cache', async () => {
    const res = await (await deck()).inject({ url: '/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe(asset);
  });

  it('answers 404, not the shell and not a cacheable response, for a missing asset', async () => {
    const res = await (await deck()).inject({ url: '/assets/index-Gone0000.js', headers: { accept: html } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves other bundle files with no-cache', async () => {
    const res = await (await deck()).inject({ url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('never serves dotfiles or paths outside the bundle', async () => {
    const app = await deck();
    for (const url of [
      '/.env',
      '/assets/../.env',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('keeps the service kit routes', async () => {
    const app = await deck();
    expect((await app.inject({ url: '/version' })).json()).toEqual({ service: 'deck', version: '1.2.3' });
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'UP', checks: { bundle: { status: 'UP' } } });
  });
});

describe('without a built bundle', () => {
  const missing = join(tmpdir(), `deck-missing-${process.pid}`);

  it('starts, and /health is DOWN with the build hint', async () => {
    const res = await (await deck({ distDir: missing })).inject({ url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'DOWN',
      checks: { bundle: { status: 'DOWN', error: BUNDLE_MISSING_MESSAGE } },
    });
  });

  it('answers pages with 503 and the build hint', async () => {
    const res = await (await deck({ distDir: missing })).inject({ url: '/', headers: { accept: html } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: BUNDLE_MISSING_MESSAGE });
  });
});

describe('the /gate proxy', () => {
  it('strips the prefix, keeps the query and returns gate’s answer', async () => {
    const res = await (await deck()).inject({ url: '/gate/version?expand=true' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: '9.9.9' });
    expect(seen?.url).toBe('/version?expand=true');
  });

  it('maps /gate itself to gate’s root', async () => {
    await (await deck()).inject({ url: '/gate' });
    expect(seen?.url).toBe('/');
  });

  it('passes status, headers and body through unchanged', async () => {
    const res = await (await deck()).inject({ url: '/gate/teapot' });
    expect(res.statusCode).toBe(418);
    expect(res.headers['x-gate']).toBe('yes');
    expect(res.body).toBe('short and stout');
  });

  it('streams request bodies of any content type', async () => {
    const payload = JSON.stringify({ application: 'cargo', stages: [{ type: 'wait', waitTime: 1 }] });
    const res = await (
      await deck()
    ).inject({
      method: 'POST',
      url: '/gate/pipelines',
      headers: { 'content-type': 'application/context+json' },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(seen).toMatchObject({ method: 'POST', url: '/pipelines', body: payload });
    expect(seen?.headers['content-type']).toBe('application/context+json');
  });

  it('strips identity headers and forwards the request id and credentials', async () => {
    await (
      await deck()
    ).inject({
      url: '/gate/applications',
      headers: {
        'x-spinnaker-user': 'admin',
        'X-Spinnaker-Accounts': 'prod',
        'x-spinnaker-anything-new': 'x',
        'x-genoa-identity-signature': 'v1=forged',
        'x-genoa-identity-timestamp': '1',
        'x-request-id': 'req-42',
        authorization: 'Basic dXNlcjpwYXNz',
        cookie: 'SESSION=abc',
      },
    });
    const names = Object.keys(seen?.headers ?? {});
    expect(names.filter((n) => n.startsWith('x-spinnaker-') || n.startsWith('x-genoa-'))).toEqual([]);
    expect(seen?.headers['x-request-id']).toBe('req-42');
    expect(seen?.headers.authorization).toBe('Basic dXNlcjpwYXNz');
    expect(seen?.headers.cookie).toBe('SESSION=abc');
    expect(seen?.headers['x-forwarded-prefix']).toBe('/gate');
  });

  it('generates a request id when the browser sends none, and returns it', async () => {
    const res = await (await deck()).inject({ url: '/gate/applications' });
    expect(seen?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(seen?.headers['x-request-id']);
  });

  it('streams event streams as they arrive and ends them when deck shuts down', async () => {
    const app = await deck();
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`http://127.0.0.1:${port}/gate/events`, { headers: { accept: 'text/event-stream' } }, resolve).on(
        'error',
        reject,
      ),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    const first = await new Promise<string>((resolve) =>
      response.once('data', (chunk: Buffer) => resolve(String(chunk))),
    );
    expect(first).toContain('data: first');

    const ended = new Promise<void>((resolve) => response.once('close', () => resolve()));
    const started = Date.now();
    await app.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 502 with the error body when gate is unreachable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const res = await (await deck({ gateUrl: closed })).inject({ url: '/gate/version' });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({
      status: 502,
      code: 'UPSTREAM',
      message: expect.stringContaining('gate'),
    });
  });
});
