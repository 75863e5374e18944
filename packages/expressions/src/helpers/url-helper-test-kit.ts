import { describe, expect, it } from 'vitest';
import { evaluateExpression, evaluateExpressionSync } from '../evaluate.js';
import { sampleContext } from '../test-fixtures.js';

/** What the fake fetcher serves, by URL. */
const bodies: Record<string, string> = {
  'https://cfg.test/a.txt': 'hello text',
  'https://cfg.test/a.json': '{"items": ["a", "b"]}',
  'https://cfg.test/a.yaml': 'spec:\n  replicas: 3\n',
  'https://cfg.test/a.properties': '# comment\napp.version=1.4.0\napp.name: demo\n',
};

/** An evaluation context whose injected fetcher serves {@link bodies} and records each URL in `calls`. */
function withFetcher(calls: string[]) {
  const fetchUrl = async (url: string): Promise<string> => {
    calls.push(url);
    const body = bodies[url];
    if (body === undefined) throw new Error('404');
    return body;
  };
  return { ...sampleContext(), services: { fetchUrl } };
}

/**
 * The behaviour every `#…FromUrl` helper shares: it is registered under its name, fetches through
 * the injected fetcher once per URL, needs the asynchronous API and a fetcher, and reports a failed
 * fetch as an ExpressionError. `expression` reads one value that must equal `expected`.
 */
export function describeUrlHelper(
  helper: { name: string },
  name: string,
  expression: string,
  expected: unknown,
): void {
  describe(`#${name}`, () => {
    it('is registered under its name', () => {
      expect(helper.name).toBe(name);
    });

    it('fetches through the injected fetcher, once per URL', async () => {
      const calls: string[] = [];
      expect(await evaluateExpression(expression, withFetcher(calls))).toEqual(expected);
      expect(calls).toHaveLength(1);
    });

    it('needs the asynchronous API and a configured fetcher', async () => {
      expect(() => evaluateExpressionSync(expression, withFetcher([]))).toThrow(/needs I\/O/);
      await expect(evaluateExpression(expression, sampleContext())).rejects.toThrow(
        /no URL fetcher is configured/,
      );
    });

    it('reports a failing fetch as an ExpressionError', async () => {
      await expect(
        evaluateExpression(`#${name}('https://cfg.test/missing')`, withFetcher([])),
      ).rejects.toMatchObject({ name: 'ExpressionError' });
    });
  });
}
