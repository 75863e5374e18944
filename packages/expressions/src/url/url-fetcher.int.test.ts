import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExpression } from '../evaluate.js';
import { sampleContext } from '../test-fixtures.js';
import { createUrlFetcher } from './url-fetcher.js';

let server: Server;
let port = 0;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.url}`);
    if (req.url === '/config.json') return res.end('{"replicas": 4}');
    if (req.url === '/big') return res.end('x'.repeat(5000));
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/' });
      return res.end();
    }
    if (req.url === '/slow') return setTimeout(() => res.end('late'), 2_000);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

// The allow-list of this test explicitly permits the loopback server under the name config.test;
// the fake resolver maps that name to it, and the connection is pinned to the resolved address.
const fetcher = (overrides = {}) =>
  createUrlFetcher({
    allowedHosts: ['config.test'],
    allowedSchemes: ['http'],
    allowedAddresses: ['127.0.0.1'],
    resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    maxBytes: 1000,
    timeoutMs: 500,
    ...overrides,
  });

describe('the guarded URL fetcher against a real HTTP server', () => {
  it('fetches an allow-listed host through the pinned address, keeping the Host header', async () => {
    const ctx = { ...sampleContext(), services: { fetchUrl: fetcher() } };
    expect(
      await evaluateExpression(`#jsonFromUrl('http://config.test:${port}/config.json').replicas`, ctx),
    ).toBe(4);
    expect(seen).toContain(`config.test:${port} /config.json`);
  });

  it('caps the body size, refuses redirects and times out', async () => {
    const fetchUrl = fetcher();
    await expect(fetchUrl(`http://config.test:${port}/big`)).rejects.toThrow(/exceeds the limit of 1000/);
    await expect(fetchUrl(`http://config.test:${port}/redirect`)).rejects.toThrow(
      /redirects are not followed/,
    );
    const started = Date.now();
    await expect(fetchUrl(`http://config.test:${port}/slow`)).rejects.toThrow(/within 500 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses the same server when the address exception is not configured', async () => {
    const before = seen.length;
    await expect(fetcher({ allowedAddresses: [] })(`http://config.test:${port}/config.json`)).rejects.toThrow(
      /resolves to 127.0.0.1/,
    );
    expect(seen.length).toBe(before);
  });
});
