import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { evaluateExpression, evaluateExpressionSync } from './evaluate.js';
import { sampleContext } from './test-fixtures.js';
import { createUrlFetcher, type ResolvedAddress } from './url/url-fetcher.js';

const marker = join(tmpdir(), `genoa-expressions-pwned-${process.pid}`);
const deep = (n: number, open: string, close: string, inner = '1'): string =>
  open.repeat(n) + inner + close.repeat(n);
const ten = '{1,2,3,4,5,6,7,8,9,10}';

/** Hostile expressions that must fail with an ExpressionError and change nothing. */
const hostile: string[] = [
  "''.constructor",
  "''.constructor.constructor('return process')",
  "trigger.constructor.constructor('return process')",
  '{:}.constructor',
  '{1, 2}.constructor',
  'execution.stages.constructor.prototype',
  "trigger['constructor']",
  "trigger['con' + 'structor']",
  "trigger[T(String).valueOf('constructor')]",
  "trigger['__pro' + 'to__']",
  'trigger.__proto__',
  "trigger['__proto__']['polluted'] = 1",
  "{'__proto__': {'polluted': true}}",
  '{__proto__: 1}',
  '#root.__proto__',
  '#this.constructor',
  "'a'.__proto__.polluted",
  'execution.stages.![#this.__proto__]',
  "trigger.parameters.keySet().![#root.trigger[#this + 'x'].constructor]",
  "{a: 1}.hasOwnProperty('a')",
  'trigger.toString.call()',
  'trigger.parameters.env.valueOf()',
  'trigger.parameters.env.getClass()',
  "''.getClass().forName('java.lang.Runtime')",
  "T(java.lang.Runtime).getRuntime().exec('touch " + marker + "')",
  'T(Runtime)',
  'T(java.lang.System).exit(1)',
  "T(java.lang.Class).forName('java.lang.Runtime')",
  "T(java.lang.Math).getClass().forName('java.lang.Runtime')",
  "new java.lang.ProcessBuilder({'touch', '" + marker + "'}).start()",
  "new java.io.File('" + marker + "').createNewFile()",
  "T(java.nio.file.Files).write(T(java.nio.file.Paths).get('" + marker + "'), 'x'.getBytes())",
  'new int[10]',
  '@environment.getProperty("x")',
  '&factoryBean',
  'x = 1',
  "trigger.user = 'mallory'",
  '#root.execution = null',
  'trigger.parameters.replicas++',
  '#stage',
  '#toJson',
  'T(java.lang.Integer)',
  "'a'.repeat(1000000000)",
  "'ab' * 100000000",
  `'${'x'.repeat(1000)}'.replace('x', '${'y'.repeat(2000)}')`,
  `${ten}.![${ten}.![${ten}.![${ten}.![${ten}.![${ten}.![#this]]]]]]`,
  deep(5000, '(', ')'),
  deep(5000, '{', '}'),
  '!'.repeat(5000) + 'true',
  `'${'z'.repeat(10_001)}'`,
  `'${'a'.repeat(40)}!' matches '(a+)+$'`,
  `'${'a'.repeat(40)}' matches '(a|a)*b'`,
  `'abab'.matches('(ab)\\1')`,
  `'${'a'.repeat(5000)}'.replaceAll('(a*)*$', '')`,
  `'${'a'.repeat(5000)}b'.split('(?<=a)')`,
  `'${'a'.repeat(9000)}' matches 'a*a*a*a*b'`,
];

const hostileUrls: string[] = [
  'http://127.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://localhost/',
  'http://localhost./',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://0177.0.0.1/',
  'http://127.1/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/',
  'http://[fd00::1]/',
  'http://internal.evil.test/',
  'http://metadata.evil.test/',
  'http://cgnat.evil.test/',
  'http://rebind.evil.test/',
  'http://v6local.evil.test/',
  'http://mapped.evil.test/',
  'http://evil.test@allowed.test/',
  'http://not-on-the-list.example/',
  'file:///etc/passwd',
  'gopher://allowed.test/',
  'http://under_score.evil.test/',
];

const dns: Record<string, ResolvedAddress[]> = {
  localhost: [{ address: '127.0.0.1', family: 4 }],
  'internal.evil.test': [{ address: '10.0.0.5', family: 4 }],
  'metadata.evil.test': [{ address: '169.254.169.254', family: 4 }],
  'cgnat.evil.test': [{ address: '100.64.1.1', family: 4 }],
  'rebind.evil.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'v6local.evil.test': [{ address: 'fe80::1', family: 6 }],
  'mapped.evil.test': [{ address: '::ffff:192.168.1.1', family: 6 }],
};

function prototypeSnapshot(): string {
  const protos = [
    Object.prototype,
    Array.prototype,
    String.prototype,
    Function.prototype,
    Number.prototype,
    Boolean.prototype,
  ];
  return JSON.stringify(protos.map((p) => Object.getOwnPropertyNames(p).sort()));
}

let server: Server;
let requests = 0;
const resolved: string[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.end('leaked');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('security: hostile expressions fail safely', () => {
  const before = prototypeSnapshot();

  it('has at least 40 hostile expressions and 20 hostile URLs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(40);
    expect(hostileUrls.length).toBeGreaterThanOrEqual(20);
  });

  it.each(hostile)('%s', (expression) => {
    const ctx = sampleContext();
    const started = performance.now();
    let error: unknown;
    try {
      evaluateExpressionSync(expression, ctx);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect(['DENIED', 'LIMIT', 'TIMEOUT', 'PARSE', 'NOT_FOUND', 'EVALUATION']).toContain(
      (error as ExpressionError).code,
    );
    expect((error as ExpressionError).message).not.toMatch(/Internal evaluator error/);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(ctx.root.trigger).toMatchObject({ user: 'alice' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it.each(hostileUrls)('#fromUrl(%s) is refused without a request', async (url) => {
    const port = (server.address() as AddressInfo).port;
    const fetchUrl = createUrlFetcher({
      allowedHosts: [
        'allowed.test',
        '*.evil.test',
        'localhost',
        '127.0.0.1',
        '169.254.169.254',
        '2130706433',
        '[::1]',
        '[::ffff:127.0.0.1]',
        '[::ffff:a9fe:a9fe]',
        '[fd00::1]',
      ],
      allowedSchemes: ['http', 'https'],
      resolve: async (host) => {
        resolved.push(host);
        return (dns[host] ?? []).map((a) => ({ ...a }));
      },
      timeoutMs: 1_000,
    });
    const ctx = { ...sampleContext(), services: { fetchUrl } };
    // Point every http URL at the local server's port, so a request that got through would be counted.
    const target = url.startsWith('http')
      ? url.replace(/\/$/, `:${port}/`).replace(/(:\d+)+\/$/, `:${port}/`)
      : url;
    await expect(evaluateExpression(`#fromUrl('${target}')`, ctx)).rejects.toMatchObject({
      name: 'ExpressionError',
      code: 'URL',
      message: expect.stringMatching(/refused: /),
    });
    expect(requests).toBe(0);
  });

  it('resolved the DNS names it refused (the check happens after resolution)', () => {
    expect(resolved).toEqual(expect.arrayContaining(['internal.evil.test', 'rebind.evil.test', 'localhost']));
  });

  it('leaves every built-in prototype untouched', () => {
    expect(prototypeSnapshot()).toBe(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('stops a long evaluation at the wall-time limit', () => {
    const expression = `${ten}.![${ten}.![${ten}.![${ten}.![#this]]]]`;
    expect(() =>
      evaluateExpressionSync(expression, sampleContext(), { limits: { timeoutMs: 1, maxSteps: 1e12 } }),
    ).toThrow(expect.objectContaining({ code: 'TIMEOUT' }));
  });
});
