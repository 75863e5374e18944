import fastify from 'fastify';

/** A real HTTP webhook target for tests: counts calls per `stage` query value, answers 200. */
export async function startWebhookReceiver() {
  const app = fastify();
  const calls = new Map<string, number>();
  const statuses = new Map<string, string>();
  app.post('/hook', async (req) => {
    const key = String((req.query as { stage?: string }).stage ?? 'none');
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return {
      ok: true,
      statusUrl: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/status/${key}`,
    };
  });
  app.get('/status/:key', async (req) => ({
    state: statuses.get((req.params as { key: string }).key) ?? 'RUNNING',
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, calls, statuses, close: () => app.close() };
}
