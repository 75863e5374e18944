import type { FastifyInstance } from 'fastify';
import { z, type ZodType } from 'zod';

/** What a route tells the OpenAPI document: the zod schemas it parses with, and what it answers. */
export interface RouteDoc {
  summary?: string;
  tags?: string[];
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  response?: ZodType;
  /** The success status (200 unless given). */
  status?: number;
  /** The success media type (JSON unless given). */
  produces?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    openapi?: RouteDoc;
  }
}

/** Route options carrying a {@link RouteDoc}: `app.get(path, doc({...}), handler)`. */
export const doc = (d: RouteDoc) => ({ config: { openapi: d } });

interface Seen {
  method: string;
  url: string;
  doc?: RouteDoc;
}

/** The routes the service kit registers before gate can watch (see `createServiceApp`). */
const KIT_ROUTES: Seen[] = [
  { method: 'GET', url: '/health', doc: { summary: 'Readiness with each check', tags: ['health'] } },
  { method: 'GET', url: '/health/readiness', doc: { summary: 'Readiness', tags: ['health'] } },
  { method: 'GET', url: '/health/liveness', doc: { summary: 'Liveness', tags: ['health'] } },
  {
    method: 'GET',
    url: '/metrics',
    doc: { summary: 'Prometheus metrics', tags: ['health'], produces: 'text/plain' },
  },
  { method: 'GET', url: '/version', doc: { summary: 'Service version', tags: ['health'] } },
];

/** fastify's `/a/:b/*` → OpenAPI's `/a/{b}/{wildcard}`, with the path parameter names. */
export function openApiPath(url: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = url
    .split('/')
    .map((segment) => {
      if (segment === '*') {
        names.push('wildcard');
        return '{wildcard}';
      }
      return segment.replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string) => {
        names.push(name);
        return `{${name}}`;
      });
    })
    .join('/');
  return { path, names };
}

const jsonSchema = (schema: ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
  });
  return rest;
};

const objectProperties = (schema: ZodType | undefined) => {
  if (!schema) return { properties: {} as Record<string, Record<string, unknown>>, required: [] as string[] };
  const s = jsonSchema(schema, 'input') as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return { properties: s.properties ?? {}, required: s.required ?? [] };
};

function operation(route: Seen, names: string[], operationIds: Set<string>): Record<string, unknown> {
  const d = route.doc ?? {};
  const params = objectProperties(d.params);
  const query = objectProperties(d.query);
  const parameters = [
    ...names.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: params.properties[name] ?? { type: 'string' },
    })),
    ...Object.entries(query.properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required.includes(name) && schema.default === undefined,
      schema,
    })),
  ];
  let id = `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`;
  while (operationIds.has(id)) id += '_';
  operationIds.add(id);
  const status = String(d.status ?? 200);
  const media = d.produces ?? 'application/json';
  return {
    operationId: id,
    ...(d.summary ? { summary: d.summary } : {}),
    tags: d.tags ?? [route.url.split('/')[1] || 'root'],
    ...(parameters.length ? { parameters } : {}),
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(d.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: 'Success',
        ...(d.response ? { content: { [media]: { schema: jsonSchema(d.response, 'output') } } } : {}),
      },
      default: {
        description: "Error in Spring's shape",
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
}

/** Builds the OpenAPI 3.1 document of the routes seen. */
export function buildOpenApi(routes: readonly Seen[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    const { path, names } = openApiPath(route.url);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, names, operationIds);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Genoa gate',
      version,
      description:
        "Spinnaker Gate's REST API as Genoa serves it. Generated from the zod schemas the routes parse with.",
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['timestamp', 'status', 'error', 'message'],
          properties: {
            timestamp: { type: 'number' },
            status: { type: 'integer' },
            error: { type: 'string' },
            message: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
      securitySchemes: {
        basic: { type: 'http', scheme: 'basic' },
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'GENOASESSION' },
      },
    },
    security: [{ basic: [] }, { bearer: [] }, { session: [] }],
  };
}

/**
 * Watches every route registered after this call and serves the OpenAPI document at Spinnaker's
 * springdoc path `/v3/api-docs` and at `/openapi.json` (built once, on first request).
 */
export function installOpenApi(app: FastifyInstance, version: string): void {
  const routes: Seen[] = [...KIT_ROUTES];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: route.url, doc: route.config?.openapi });
    }
  });
  let document: Record<string, unknown> | undefined;
  const serve = async () => (document ??= buildOpenApi(routes, version));
  const docs = doc({ summary: 'This OpenAPI document', tags: ['docs'] });
  app.get('/v3/api-docs', docs, serve);
  app.get('/openapi.json', docs, serve);
}
