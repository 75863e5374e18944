import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ExpressionError } from '../errors.js';
import { isBlockedAddress, isNumericHostForm, parseIPv4, parseIPv6 } from './ip-policy.js';

/** The fetch behind `#fromUrl` and friends: GET `url`, resolve with the body text. */
export type UrlFetcher = (url: string) => Promise<string>;

/** One resolved address, as `dns.lookup(host, { all: true })` returns it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (injectable for tests). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Configuration of {@link createUrlFetcher}. */
export interface UrlFetcherOptions {
  /** Host names that may be fetched: exact (`config.example.com`) or `*.example.com`. Empty: none. */
  allowedHosts: readonly string[];
  /** URL schemes allowed; default `['https']`. */
  allowedSchemes?: readonly string[];
  /** Addresses exempt from the private-address rule (e.g. an internal config server). Default none. */
  allowedAddresses?: readonly string[];
  /** Largest body accepted, in bytes; default 1 MiB. */
  maxBytes?: number;
  /** Time for the whole request, in milliseconds; default 5,000. */
  timeoutMs?: number;
  /** DNS resolution; default `dns.lookup(host, { all: true })`. */
  resolve?: HostResolver;
}

const refuse = (url: string, reason: string): ExpressionError =>
  new ExpressionError('URL', `URL ${url} refused: ${reason}`);

const defaultResolve: HostResolver = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase().replace(/\.$/, '');
    return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
  });
}

/** Takes the host exactly as written (before WHATWG normalisation turns `0x7f.1` into 127.0.0.1). */
function rawHost(url: string): string | undefined {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\\]*)/.exec(url);
  if (!m) return undefined;
  const authority = m[1]!;
  if (authority.includes('@')) return undefined;
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  return authority.replace(/:\d*$/, '');
}

/** The checks made before any DNS or network traffic; returns the parsed URL and normalised host. */
export function checkUrl(url: string, options: UrlFetcherOptions): { parsed: URL; host: string } {
  const schemes = options.allowedSchemes ?? ['https'];
  const written = rawHost(url);
  if (written === undefined)
    throw refuse(url, 'it has no plain host (user info and relative URLs are not allowed)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(url, 'it is not a valid URL');
  }
  if (!schemes.includes(parsed.protocol.replace(/:$/, '')))
    throw refuse(url, `scheme ${parsed.protocol} is not allowed`);
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const isLiteral = parseIPv4(literal) !== undefined || parseIPv6(literal) !== undefined;
  const writtenLiteral = written.startsWith('[') || parseIPv4(written.replace(/\.$/, '')) !== undefined;
  if (!writtenLiteral && isNumericHostForm(written))
    throw refuse(url, 'numeric host forms (decimal, hex, octal, short) are not allowed');
  if (!isLiteral && !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host))
    throw refuse(url, 'the host name has characters outside [a-z0-9.-]');
  if (!hostAllowed(host, options.allowedHosts)) throw refuse(url, `host ${host} is not on the allow-list`);
  if (isLiteral && isBlockedAddress(literal) && !(options.allowedAddresses ?? []).includes(literal)) {
    throw refuse(url, `address ${literal} is private, loopback, link-local or reserved`);
  }
  return { parsed, host: literal };
}

/**
 * A guarded fetcher: allow-listed hosts only, no numeric host tricks, every resolved address must be
 * public (checked after DNS), the connection is pinned to the checked address (no second lookup, so
 * no DNS rebinding), redirects are not followed, the body is capped in bytes and the request in time.
 */
export function createUrlFetcher(options: UrlFetcherOptions): UrlFetcher {
  const resolve = options.resolve ?? defaultResolve;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (url) => {
    const { parsed, host } = checkUrl(url, options);
    const isLiteral = parseIPv4(host) !== undefined || parseIPv6(host) !== undefined;
    let addresses: ResolvedAddress[];
    try {
      addresses = isLiteral
        ? [{ address: host, family: parseIPv4(host) !== undefined ? 4 : 6 }]
        : await resolve(host);
    } catch (err) {
      throw new ExpressionError('URL', `URL ${url}: host ${host} could not be resolved`, undefined, {
        cause: err,
      });
    }
    if (addresses.length === 0) throw refuse(url, `host ${host} has no addresses`);
    const exempt = options.allowedAddresses ?? [];
    const bad = addresses.find((a) => isBlockedAddress(a.address) && !exempt.includes(a.address));
    if (bad)
      throw refuse(
        url,
        `host ${host} resolves to ${bad.address}, a private, loopback, link-local or reserved address`,
      );
    return get(parsed, addresses[0]!, maxBytes, timeoutMs, url);
  };
}

function get(
  parsed: URL,
  pinned: ResolvedAddress,
  maxBytes: number,
  timeoutMs: number,
  url: string,
): Promise<string> {
  const pin: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<string>((resolveBody, reject) => {
    const fail = (reason: string, cause?: unknown): void => {
      reject(new ExpressionError('URL', `URL ${url}: ${reason}`, undefined, { cause }));
      req.destroy();
    };
    const req = request(
      parsed,
      { method: 'GET', lookup: pin, timeout: timeoutMs, headers: { accept: '*/*' } },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) return fail(`redirects are not followed (status ${status})`);
        if (status < 200 || status >= 300) return fail(`the server answered ${status}`);
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > maxBytes)
          return fail(`the body of ${declared} bytes exceeds the limit of ${maxBytes}`);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(`the body exceeds the limit of ${maxBytes} bytes`);
          else chunks.push(chunk);
        });
        res.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
        res.on('error', (err) => fail('the response failed', err));
      },
    );
    const timer = setTimeout(() => fail(`no complete answer within ${timeoutMs} ms`), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => fail(`no answer within ${timeoutMs} ms`));
    req.on('error', (err) => fail(`the request failed: ${err.message}`, err));
    req.end();
  });
}
