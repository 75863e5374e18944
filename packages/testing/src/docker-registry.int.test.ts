import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { pushImage, startDockerRegistry } from './docker-registry.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

/** A local HTTP sink that records what the registry POSTs. */
async function notificationSink() {
  const received: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, received };
}

describe('startDockerRegistry + pushImage', () => {
  it('pushes an image the registry lists, and notifies the push with the secret header', async () => {
    const sink = await notificationSink();
    const registry = await startDockerRegistry({
      notificationsUrl: sink.url,
      notificationSecret: 's3cret-value',
    });
    stops.push(registry.stop);
    const digest = await pushImage(registry.url, 'org/app', '1.0.0');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const tags = (await (await fetch(`${registry.url}/v2/org/app/tags/list`)).json()) as { tags: string[] };
    expect(tags).toEqual({ name: 'org/app', tags: ['1.0.0'] });
    const head = await fetch(`${registry.url}/v2/org/app/manifests/1.0.0`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(head.headers.get('docker-content-digest')).toBe(digest);

    const deadline = Date.now() + 10_000;
    const manifestPush = () =>
      sink.received
        .flatMap((r) =>
          (r.body.events as { action: string; target: Record<string, string> }[]).map((e) => ({ e, r })),
        )
        .find(({ e }) => e.action === 'push' && e.target.tag === '1.0.0');
    while (!manifestPush() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const found = manifestPush();
    expect(found?.e.target).toMatchObject({ repository: 'org/app', digest, tag: '1.0.0' });
    expect(found?.r.headers.authorization).toBe('Bearer s3cret-value');
    expect(found?.r.headers['content-type']).toContain('application/vnd.docker.distribution.events.v1+json');
  });

  it('same layers give the same digest; other layers another', async () => {
    const registry = await startDockerRegistry();
    stops.push(registry.stop);
    const a = await pushImage(registry.url, 'org/app', 'a', { layers: ['same'] });
    const b = await pushImage(registry.url, 'org/app', 'b', { layers: ['same'] });
    const c = await pushImage(registry.url, 'org/app', 'c', { layers: ['other'] });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('with token auth: 401 with a Bearer challenge, push works with credentials', async () => {
    const auth = { username: 'ci', password: 'pa55word' };
    const registry = await startDockerRegistry({ auth });
    stops.push(registry.stop);
    const anonymous = await fetch(`${registry.url}/v2/org/app/tags/list`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain(`Bearer realm="${registry.tokenUrl}"`);
    await expect(
      pushImage(registry.url, 'org/app', '1', { auth: { username: 'ci', password: 'wrong' } }),
    ).rejects.toThrow(/token server answered 401/);
    const digest = await pushImage(registry.url, 'org/app', '1', { auth });
    expect(digest).toMatch(/^sha256:/);
    expect(registry.tokensIssued()).toBeGreaterThan(0);
  });
});
