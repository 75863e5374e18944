import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { NotAllowedError, ServiceUnavailableError } from '@genoa/shared';
import { isBlockedAddress, urlProblem } from '../domain/url-guard.js';
import type { HttpFetcher, HttpResponse } from '../ports.js';

/** Options for {@link GuardedHttpFetcher}. */
export interface GuardedHttpOptions {
  /** Hosts or IPs allowed even when private or loopback (e.g. `127.0.0.1` in tests). */
  allowedHosts: readonly string[];
  timeoutMs: number;
}

/**
 * Outbound HTTP for webhook stages behind the URL guard: http(s) only, no credentials in URLs,
 * and no private, loopback or link-local address unless allow-listed. The address is checked
 * when the socket connects (every resolved address), so DNS rebinding cannot slip past, and
 * redirects are not followed.
 */
export class GuardedHttpFetcher implements HttpFetcher {
  constructor(private readonly options: GuardedHttpOptions) {}

  async request(o: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<HttpResponse> {
    const problem = urlProblem(o.url);
    if (problem) throw new NotAllowedError(problem);
    const url = new URL(o.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const allowed = this.options.allowedHosts.includes(host);
    if (!allowed && isIP(host) && isBlockedAddress(host))
      throw new NotAllowedError(`Calls to ${host} (a private or loopback address) are not allowed`);
    const lookup: LookupFunction = (hostname, opts, callback) => {
      dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 0);
        const list = addresses as LookupAddress[];
        const bad = list.find(
          (a) => !allowed && !this.options.allowedHosts.includes(a.address) && isBlockedAddress(a.address),
        );
        if (bad)
          return callback(
            new NotAllowedError(`${hostname} resolves to ${bad.address}, a private or loopback address`),
            '',
            0,
          );
        if ((opts as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      });
    };
    const body =
      o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    const headers: Record<string, string> = { accept: 'application/json', ...(o.headers ?? {}) };
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = send(
        url,
        { method: o.method, headers, lookup, timeout: this.options.timeoutMs },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              /* not JSON: keep text */
            }
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers: out, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new ServiceUnavailableError(`${url.host} did not answer within ${this.options.timeoutMs} ms`),
        ),
      );
      req.on('error', (err) =>
        reject(
          err instanceof NotAllowedError
            ? err
            : new ServiceUnavailableError(`${url.host} is unreachable: ${err.message}`, { cause: err }),
        ),
      );
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}
