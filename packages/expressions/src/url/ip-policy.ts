import { isIP } from 'node:net';

/**
 * Which IP addresses a URL helper may connect to: public unicast only. Refused: unspecified,
 * loopback, private (RFC 1918), CGNAT (100.64/10), link-local (169.254/16, fe80::/10), unique-local
 * (fc00::/7), site-local, multicast, broadcast, reserved and documentation ranges, and IPv6 forms
 * that embed an IPv4 address (mapped, compatible, NAT64, 6to4) when that address is refused.
 */

type Range4 = [number, number, number, number, number];

const BLOCKED_V4: Range4[] = [
  [0, 0, 0, 0, 8],
  [10, 0, 0, 0, 8],
  [100, 64, 0, 0, 10],
  [127, 0, 0, 0, 8],
  [169, 254, 0, 0, 16],
  [172, 16, 0, 0, 12],
  [192, 0, 0, 0, 24],
  [192, 0, 2, 0, 24],
  [192, 88, 99, 0, 24],
  [192, 168, 0, 0, 16],
  [198, 18, 0, 0, 15],
  [198, 51, 100, 0, 24],
  [203, 0, 113, 0, 24],
  [224, 0, 0, 0, 4],
  [240, 0, 0, 0, 4],
];

/** Strict dotted-decimal IPv4 (no leading zeros, four parts) to its 32-bit value, else undefined. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = value * 256 + Number(p);
  }
  return value;
}

function v4Blocked(value: number): boolean {
  return BLOCKED_V4.some(([a, b, c, d, bits]) => {
    const base = ((a * 256 + b) * 256 + c) * 256 + d;
    const size = 2 ** (32 - bits);
    return value >= base && value < base + size;
  });
}

/** An IPv6 address as 8 16-bit groups (handles `::` and a trailing dotted IPv4), else undefined. */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return undefined;
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIPv4(maybeV4);
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (p: string | undefined): number[] => (p ? p.split(':').map((g) => parseInt(g, 16)) : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const out = [...head, ...new Array<number>(halves.length === 1 ? 0 : fill).fill(0), ...tail];
  return out.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? undefined : out;
}

function v6Blocked(g: number[]): boolean {
  const first = g[0]!;
  const embedded = (hi: number, lo: number): number => hi * 65536 + lo;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return true; // link/site local
  if ((first & 0xff00) === 0xff00) return true; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (first === 0x2001 && g[1] === 0) return true; // Teredo
  if (first === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return true; // discard
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    return v4Blocked(embedded(g[6]!, g[7]!)); // ::ffff:a.b.c.d mapped, ::a.b.c.d compatible
  }
  if (first === 0x64 && g[1] === 0xff9b) return v4Blocked(embedded(g[6]!, g[7]!)); // NAT64
  if (first === 0x2002) return v4Blocked(embedded(g[1]!, g[2]!)); // 6to4
  return false;
}

/** True when connecting to `address` (an IPv4 or IPv6 literal) must be refused. Unparseable: refused. */
export function isBlockedAddress(address: string): boolean {
  const v4 = parseIPv4(address);
  if (v4 !== undefined) return v4Blocked(v4);
  const v6 = parseIPv6(address);
  if (v6 !== undefined) return v6Blocked(v6);
  return true;
}

/**
 * True for host spellings that are numbers in disguise: a bare integer (`2130706433`), hex
 * (`0x7f.1`), octal or zero-padded parts (`0177.0.0.1`), or fewer than four parts (`127.1`).
 * WHATWG URL parsing turns all of these into an IPv4 address; they are refused before that.
 */
export function isNumericHostForm(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (parseIPv4(h) !== undefined) return false;
  // WHATWG parses a host whose last label is numeric (decimal, hex or octal) as an IPv4 address.
  const last = h.split('.').pop() ?? '';
  return /^(0x[0-9a-f]*|\d+)$/.test(last);
}
