import { startRedis, type RedisHandle } from '@genoa/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGate, type TestGate } from './harness.js';
import { startStandIns, type StandIns } from './stand-ins.js';

let redis: RedisHandle;
let standIns: StandIns;
let gate: TestGate;
beforeAll(async () => {
  redis = await startRedis();
  standIns = await startStandIns();
  gate = await startTestGate(standIns, redis.url, { GATE_AUTH_ENABLED: 'true' });
});
afterAll(async () => {
  await gate?.close();
  await standIns?.close();
  await redis?.stop();
});

/** Paths with every parameter as `{}` (fastify's tree merges parameter names at one position). */
const shape = (path: string) => path.replace(/:[^/]+|\{\w+\}|\*/g, '{}');

/** Every `METHOD shape` fastify routes, read from its route tree printout (independent of gate's onRoute list). */
function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const start = line.search(/[^│├└─\s]/);
    if (start < 0) continue;
    const depth = Math.floor(start / 4) - 1;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(start))!;
    stack[depth] = (depth > 0 ? stack[depth - 1]! : '') + segment;
    stack.length = depth + 1;
    for (const method of methods?.split(', ') ?? [])
      if (method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${shape(stack[depth]!)}`);
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a JSON document
type Json = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe('OpenAPI document', () => {
  it('is served without authentication at /v3/api-docs and /openapi.json, identically', async () => {
    const a = await gate.app.inject({ url: '/v3/api-docs' });
    const b = await gate.app.inject({ url: '/openapi.json' });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
  });

  it('lists every registered route', async () => {
    const docs = (await gate.app.inject({ url: '/v3/api-docs' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(docs.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${shape(path)}`),
      ),
    );
    const routes = registeredRoutes(gate.app);
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((d) => !routes.includes(d))).toEqual([]);
  });

  it('has a valid OpenAPI 3 structure, with the zod schemas of the routes', async () => {
    const docs = (await gate.app.inject({ url: '/v3/api-docs' })).json() as Record<string, Json>;
    expect(docs.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof docs.info.title).toBe('string');
    expect(typeof docs.info.version).toBe('string');
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(docs.paths as Record<string, Record<string, Json>>)) {
      expect(path.startsWith('/')).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
          expect(status).toMatch(/^(default|[1-5](\d\d|XX))$/);
          expect(typeof response.description).toBe('string');
        }
        const params = (op.parameters ?? []) as {
          name: string;
          in: string;
          required?: boolean;
          schema: unknown;
        }[];
        const inPath = params.filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort()).toEqual([...templated].sort());
        for (const p of params) {
          expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
          if (p.in === 'path') expect(p.required).toBe(true);
          expect(typeof p.schema).toBe('object');
        }
        if (op.requestBody) expect(Object.keys(op.requestBody.content).length).toBeGreaterThan(0);
      }
    }
    // The schemas are the routes' own zod schemas.
    const list = docs.paths['/applications/{app}/pipelines'].get;
    const limit = list.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000, default: 10 });
    const save = docs.paths['/pipelines'].post;
    expect(JSON.stringify(save.requestBody.content['application/json'].schema)).toContain('"application"');
    expect(docs.paths['/pipelines/{app}/{nameOrId}'].post.responses['202']).toBeDefined();
    expect(docs.paths['/events/applications/{application}'].get.responses['200'].content).toBeUndefined();
  });
});
