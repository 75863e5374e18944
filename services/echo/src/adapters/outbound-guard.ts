import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { UnrecoverableError } from 'bullmq';

/** A URL a notification must not call (scheme, or a private address not allow-listed). */
export class OutboundRefusedError extends UnrecoverableError {
  override name = 'OutboundRefusedError';
}

const allowedBy = (address: string, host: string, allow: readonly string[]): boolean =>
  allow.some((entry) => {
    if (entry.toLowerCase() === host.toLowerCase() || entry === address) return true;
    if (!entry.includes('/')) return false;
    try {
      const parsed = ipaddr.parse(address);
      const [range, bits] = ipaddr.parseCIDR(entry);
      return parsed.kind() === range.kind() && parsed.match(range, bits);
    } catch {
      return false;
    }
  });

/**
 * Checks an outbound URL before a notification calls it: http(s) only, and every address the host
 * resolves to must be public unicast, unless the host, the address or a CIDR containing it is in
 * `allow` (config `ECHO_OUTBOUND_ALLOW`). Refusals are not retried.
 */
export async function assertOutboundAllowed(url: string, allow: readonly string[]): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefusedError('notification address is not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new OutboundRefusedError(`scheme ${parsed.protocol} is not allowed`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  for (const address of addresses) {
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
      ip = (ip as ipaddr.IPv6).toIPv4Address();
    if (ip.range() !== 'unicast' && !allowedBy(ip.toString(), host, allow))
      throw new OutboundRefusedError(
        `${host} resolves to a ${ip.range()} address, which is not allow-listed`,
      );
  }
  return parsed;
}

/** A URL safe to log: scheme and host only (webhook URLs carry secrets in their paths). */
export const redactedUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid url)';
  }
};
