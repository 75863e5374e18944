import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergeApplications } from './applications.js';
import { checkRequiredParameters } from './pipeline-triggers.js';
import { RateWindow, verifyWebhook } from './webhooks.js';

describe('mergeApplications', () => {
  it('lower-cases names, keeps front50 attributes and takes accounts from clouddriver', () => {
    const merged = mergeApplications(
      [{ name: 'MyApp', email: 'e@x', accounts: 'stale' }],
      [{ name: 'myapp', clusterNames: { b: [], a: [] } }, { name: 'cdonly' }],
    );
    expect(merged).toEqual([{ name: 'cdonly' }, { name: 'myapp', email: 'e@x', accounts: 'a,b' }]);
  });
});

describe('checkRequiredParameters', () => {
  it('fails on a required parameter without default or value', () => {
    const pipeline = {
      stages: [],
      parameterConfig: [
        { name: 'env', required: true },
        { name: 'x', required: true, default: 'd' },
      ],
    };
    expect(() => checkRequiredParameters(pipeline, {})).toThrow('Required parameter env is missing');
    expect(() => checkRequiredParameters(pipeline, { env: 'prod' })).not.toThrow();
  });
});

describe('webhook checks', () => {
  it('verifies HMAC and secrets, and refuses unconfigured sources', () => {
    const sig = `sha256=${createHmac('sha256', 'hmac-secret').update('{}').digest('hex')}`;
    expect(() =>
      verifyWebhook(
        { hmacSecret: 'hmac-secret', allowUnauthenticated: false },
        { 'x-hub-signature-256': sig },
        '{}',
      ),
    ).not.toThrow();
    expect(() =>
      verifyWebhook(
        { hmacSecret: 'hmac-secret', allowUnauthenticated: false },
        { 'x-hub-signature-256': sig },
        '{ }',
      ),
    ).toThrow();
    expect(() => verifyWebhook(undefined, {}, '{}')).toThrow(/not configured/);
    expect(() => verifyWebhook({ allowUnauthenticated: false }, {}, '{}')).toThrow(/requires a secret/);
  });
  it('rate window counts per key', () => {
    const w = new RateWindow(2);
    expect([w.hit('a'), w.hit('a'), w.hit('a'), w.hit('b')]).toEqual([true, true, false, true]);
  });
});
