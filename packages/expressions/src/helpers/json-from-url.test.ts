import { describe, expect, it } from 'vitest';
import { evaluateExpression, evaluateExpressionSync } from '../evaluate.js';
import { sampleContext } from '../test-fixtures.js';
import { jsonFromUrlHelper } from './json-from-url.js';

const bodies: Record<string, string> = {
  'https://cfg.test/a.txt': 'hello text',
  'https://cfg.test/a.json': '{"items": ["a", "b"]}',
  'https://cfg.test/a.yaml': 'spec:\n  replicas: 3\n',
  'https://cfg.test/a.properties': '# comment\napp.version=1.4.0\napp.name: demo\n',
};

function withFetcher(calls: string[]) {
  const fetchUrl = async (url: string): Promise<string> => {
    calls.push(url);
    const body = bodies[url];
    if (body === undefined) throw new Error('404');
    return body;
  };
  return { ...sampleContext(), services: { fetchUrl } };
}

describe('#jsonFromUrl', () => {
  it('is registered under its name', () => {
    expect(jsonFromUrlHelper.name).toBe('jsonFromUrl');
  });

  it('fetches through the injected fetcher, once per URL', async () => {
    const calls: string[] = [];
    expect(
      await evaluateExpression("#jsonFromUrl('https://cfg.test/a.json').items[1]", withFetcher(calls)),
    ).toEqual('b');
    expect(calls).toHaveLength(1);
  });

  it('needs the asynchronous API and a configured fetcher', async () => {
    expect(() =>
      evaluateExpressionSync("#jsonFromUrl('https://cfg.test/a.json').items[1]", withFetcher([])),
    ).toThrow(/needs I\/O/);
    await expect(
      evaluateExpression("#jsonFromUrl('https://cfg.test/a.json').items[1]", sampleContext()),
    ).rejects.toThrow(/no URL fetcher is configured/);
  });

  it('reports a failing fetch as an ExpressionError', async () => {
    await expect(
      evaluateExpression("#jsonFromUrl('https://cfg.test/missing')", withFetcher([])),
    ).rejects.toMatchObject({
      name: 'ExpressionError',
    });
  });
});
