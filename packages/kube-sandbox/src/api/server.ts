import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Loose } from '../types.js';
import { apiGroup, apiGroupList, apiVersions, resourceList, versionInfo } from './discovery.js';
import { pathNotFound, StatusError } from './errors.js';
import type { ObjectApi } from './object-api.js';
import { openApiDocument, openApiIndex } from './openapi.js';
import type { Reply, ResourceRequest } from './rest.js';
import { errorReply, handleResource } from './rest.js';
import type { WatchServerOptions } from './watch.js';

/** One logged request (for assertions in tests). */
export interface RequestRecord {
  method: string;
  path: string;
  contentType?: string;
  code: number;
}

/** Options of {@link createApiServer}. */
export interface ApiServerOptions extends WatchServerOptions {
  /** Called for every answered request. */
  onRequest?: (r: RequestRecord) => void;
}

function parseResourcePath(api: ObjectApi, segs: string[]): ResourceRequest | undefined {
  let group = '';
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    version = segs[1]!;
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1]!;
    version = segs[2]!;
    rest = segs.slice(3);
  } else return undefined;
  let watch = false;
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  const reg = api.resources;
  if (rest[0] === 'namespaces' && rest.length >= 3 && reg.get(group, version, rest[2]!)) {
    const rt = reg.get(group, version, rest[2]!)!;
    if (!rt.namespaced || rest.length > 5) return undefined;
    return { rt, namespace: rest[1], name: rest[3], subresource: rest[4], watch };
  }
  const rt = reg.get(group, version, rest[0]!);
  if (!rt || rest.length > 3) return undefined;
  if (rt.namespaced && rest.length > 1) return undefined;
  return { rt, name: rest[1], subresource: rest[2], watch };
}

function discovery(api: ObjectApi, segs: string[]): Loose {
  const reg = api.resources;
  const p = segs.join('/');
  if (p === 'version') return versionInfo();
  if (p === 'api') return apiVersions();
  if (p === 'apis') return apiGroupList(reg);
  if (segs[0] === 'api' && segs.length === 2) return resourceList(reg, '', segs[1]!);
  if (segs[0] === 'apis' && segs.length === 2) return apiGroup(reg, segs[1]!);
  if (segs[0] === 'apis' && segs.length === 3) return resourceList(reg, segs[1]!, segs[2]!);
  if (p === 'openapi/v3') return openApiIndex(reg);
  if (segs[0] === 'openapi' && segs[1] === 'v3') {
    if (segs[2] === 'api') return openApiDocument(reg, '', segs[3]!);
    if (segs[2] === 'apis') return openApiDocument(reg, segs[3]!, segs[4]!);
  }
  return undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': reply.contentType ?? 'application/json',
    'Cache-Control': 'no-cache, private',
  };
  if (reply.warnings?.length) headers.Warning = reply.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.code, headers);
  res.end(text);
}

function acceptable(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  return !accept || accept.includes('json') || accept.includes('*/*') || accept.includes('text/plain');
}

/** The HTTP front of the sandbox: discovery, OpenAPI, and every resource path. */
export function createApiServer(api: ObjectApi, opts: ApiServerOptions): Server {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const method = req.method ?? 'GET';
      const segs = url.pathname.split('/').filter((s) => s !== '');
      const contentType = req.headers['content-type'];
      let reply: Reply | undefined;
      try {
        if (!acceptable(req)) {
          throw new StatusError(
            406,
            'NotAcceptable',
            `only the following media types are accepted: application/json`,
          );
        }
        const p = segs.join('/');
        if (['healthz', 'readyz', 'livez'].includes(p)) {
          reply = { code: 200, body: 'ok', contentType: 'text/plain' };
        } else if (p === 'openapi/v2') {
          throw pathNotFound();
        } else {
          const found = method === 'GET' ? discovery(api, segs) : undefined;
          if (found) reply = { code: 200, body: found };
          else {
            const r = parseResourcePath(api, segs);
            if (!r) throw pathNotFound();
            reply = handleResource(api, r, method, url.searchParams, Buffer.concat(chunks), req, res, opts);
          }
        }
      } catch (err) {
        if (err instanceof StatusError) reply = errorReply(err);
        else {
          const message = err instanceof Error ? err.message : String(err);
          reply = errorReply(new StatusError(500, 'InternalError', `Internal error occurred: ${message}`));
        }
      }
      if (reply) send(res, reply);
      opts.onRequest?.({
        method,
        path: `${url.pathname}${url.search}`,
        ...(contentType ? { contentType } : {}),
        code: reply?.code ?? 200,
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.requestTimeout = 0;
  return server;
}
