import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { UpstreamError } from '@genoa/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';

/** Options for {@link registerGateProxy}. */
export interface GateProxyOptions {
  /** Gate's base URL, without a trailing slash (`http://127.0.0.1:8084`). */
  gateUrl: string;
  /** Path prefix deck serves gate under; removed before forwarding. */
  prefix?: string;
  /** How long to wait for a TCP connection to gate before answering 502. */
  connectTimeoutMs?: number;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are never forwarded. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Identity header families that only services may set (signed); a browser must never send them to gate. */
const identityPrefixes = ['x-spinnaker-', 'x-genoa-'];

/** Methods that carry no body and change nothing, so a request on a dead pooled socket may be resent. */
const retrySafe = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Errors of a pooled connection the server had already closed. */
const isStaleSocketError = (err: NodeJS.ErrnoException): boolean =>
  err.code === 'ECONNRESET' || err.code === 'EPIPE';

const methods: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** True for a header that would forge an identity (`x-spinnaker-*`, `x-genoa-*`). */
export const isIdentityHeader = (name: string): boolean =>
  identityPrefixes.some((prefix) => name.toLowerCase().startsWith(prefix));

/** Removes hop-by-hop headers, including any the `connection` header names. */
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const result: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name) && !named.has(name)) result[name] = value;
  }
  return result;
}

/** The headers deck sends to gate for `request`. */
function upstreamHeaders(request: FastifyRequest, prefix: string): IncomingHttpHeaders {
  const headers = withoutHopByHop(request.headers);
  for (const name of Object.keys(headers)) if (isIdentityHeader(name)) delete headers[name];
  delete headers.host;
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${String(forwardedFor)}, ${request.ip}` : request.ip;
  headers['x-forwarded-host'] ??= request.host;
  headers['x-forwarded-proto'] ??= request.protocol;
  headers['x-forwarded-prefix'] = prefix;
  headers['x-request-id'] = request.id;
  return headers;
}

/**
 * Proxies `<prefix>` and `<prefix>/*` to gate with the prefix removed (`/gate/applications` →
 * `GET <gateUrl>/applications`). Bodies stream both ways (nothing is buffered, so Server-Sent
 * Events and large uploads pass through), the request id travels in `x-request-id`, and identity
 * headers from the browser are dropped: gate must never receive a forged identity through deck.
 * When gate cannot be reached the answer is a 502 with the suite's error body.
 */
export async function registerGateProxy(app: FastifyInstance, options: GateProxyOptions): Promise<void> {
  const prefix = options.prefix ?? '/gate';
  const target = new URL(options.gateUrl);
  const basePath = target.pathname.replace(/\/+$/, '');
  const secure = target.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 256 })
    : new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const send = secure ? httpsRequest : httpRequest;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  // Long-lived exchanges (event streams, long polls) would hold a graceful shutdown open until its
  // timeout: end them when the server starts closing, so browsers reconnect to another replica.
  const active = new Set<ClientRequest>();
  app.addHook('preClose', async () => {
    for (const exchange of active) exchange.destroy();
  });
  app.addHook('onClose', async () => agent.destroy());

  const forward = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const rest = request.url.slice(prefix.length);
    const path = `${basePath}${rest.startsWith('/') ? rest : `/${rest}`}`;
    const headers = upstreamHeaders(request, prefix);
    return new Promise<FastifyReply>((resolvePromise, rejectPromise) => {
      let upstream: ClientRequest | undefined;
      // The browser went away: stop talking to gate too (long polls, event streams).
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) upstream?.destroy();
      });

      const attempt = (isRetry: boolean) => {
        const current = send({
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path,
          headers,
          agent,
        });
        upstream = current;
        active.add(current);
        current.once('close', () => active.delete(current));
        current.on('socket', (socket) => {
          if (!socket.connecting) return;
          const timer = setTimeout(
            () => current.destroy(new Error(`no connection within ${connectTimeoutMs} ms`)),
            connectTimeoutMs,
          );
          socket.once('connect', () => clearTimeout(timer));
          socket.once('close', () => clearTimeout(timer));
        });
        current.on('error', (err: NodeJS.ErrnoException) => {
          if (reply.sent || reply.raw.headersSent) return;
          if (reply.raw.destroyed) {
            // The browser left before gate answered: nobody to tell.
            resolvePromise(reply.hijack());
            return;
          }
          if (!isRetry && current.reusedSocket && isStaleSocketError(err) && retrySafe.has(request.method)) {
            // Gate closed an idle keep-alive connection just as deck reused it: try a fresh one.
            attempt(true);
            return;
          }
          rejectPromise(
            new UpstreamError(`gate is unreachable (${err.code ?? err.message})`, undefined, { cause: err }),
          );
        });
        current.on('response', (response: IncomingMessage) => {
          void reply.code(response.statusCode ?? 502).headers(withoutHopByHop(response.headers));
          resolvePromise(reply.send(response));
        });
        if (isRetry) current.end();
        else request.raw.pipe(current);
      };
      attempt(false);
    });
  };

  await app.register(async (scope) => {
    // Bodies are not parsed here: the raw request stream is piped to gate as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.route({ method: methods, url: prefix, handler: forward });
    scope.route({ method: methods, url: `${prefix}/*`, handler: forward });
  });
}
