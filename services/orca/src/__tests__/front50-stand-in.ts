import fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';

/** A small real HTTP front50 for tests: the endpoints orca calls (edge.md §3.4), in memory. */
export interface Front50StandIn {
  url: string;
  applications: Map<string, Record<string, unknown>>;
  permissions: Map<string, Record<string, unknown>>;
  pipelines: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startFront50StandIn(): Promise<Front50StandIn> {
  const app: FastifyInstance = fastify();
  const applications = new Map<string, Record<string, unknown>>();
  const permissions = new Map<string, Record<string, unknown>>();
  const pipelines = new Map<string, Record<string, unknown>>();
  const bad = (message: string) => ({ error: 'Bad Request', message, status: 400 });

  app.get('/v2/applications/:name', async (req, reply) => {
    const found = applications.get((req.params as { name: string }).name.toUpperCase());
    return found ?? reply.code(404).send({ message: 'Application not found' });
  });
  app.post('/v2/applications', async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const name = String(body.name ?? '');
    if (!name) return reply.code(400).send(bad('Application must have a non-empty name'));
    if (applications.has(name.toUpperCase())) return reply.code(400).send(bad('Application already exists'));
    const app = { ...body, name: name.toUpperCase(), createTs: String(Date.now()) };
    applications.set(name.toUpperCase(), app);
    return app;
  });
  app.patch('/v2/applications/:name', async (req, reply) => {
    const name = (req.params as { name: string }).name.toUpperCase();
    const existing = applications.get(name);
    if (!existing) return reply.code(404).send({ message: 'Application not found' });
    const merged = { ...existing, ...(req.body as object), name, updateTs: String(Date.now()) };
    applications.set(name, merged);
    return merged;
  });
  app.delete('/v2/applications/:name', async (req, reply) => {
    applications.delete((req.params as { name: string }).name.toUpperCase());
    return reply.code(204).send();
  });
  app.put('/permissions/applications/:name', async (req) => {
    permissions.set((req.params as { name: string }).name, req.body as Record<string, unknown>);
    return req.body;
  });
  app.delete('/permissions/applications/:name', async (req, reply) => {
    const had = permissions.delete((req.params as { name: string }).name);
    return had ? reply.code(204).send() : reply.code(404).send({ message: 'not found' });
  });
  const save = (body: Record<string, unknown>) => {
    if (!body.name || !body.application) return { error: 'A pipeline requires name and application fields' };
    const clash = [...pipelines.values()].find(
      (p) =>
        p.id !== body.id &&
        String(p.application).toLowerCase() === String(body.application).toLowerCase() &&
        String(p.name).toLowerCase() === String(body.name).toLowerCase(),
    );
    if (clash)
      return {
        error: `A pipeline with name ${String(body.name)} already exists in application ${String(body.application)}`,
      };
    const saved = { ...body, id: body.id ?? randomUUID(), updateTs: String(Date.now()) };
    pipelines.set(String(saved.id), saved);
    return { saved };
  };
  app.post('/pipelines', async (req, reply) => {
    const out = save(req.body as Record<string, unknown>);
    if (out.error)
      return reply.code(out.error.startsWith('A pipeline requires') ? 422 : 400).send(bad(out.error));
    return out.saved;
  });
  app.post('/pipelines/batchUpdate', async (req) => {
    const ok: string[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const p of req.body as Record<string, unknown>[]) {
      const out = save(p);
      if (out.error) failed.push({ ...p, errorMsg: out.error });
      else ok.push(String(p.name));
    }
    return {
      successful_pipelines_count: ok.length,
      successful_pipelines: ok,
      failed_pipelines_count: failed.length,
      failed_pipelines: failed,
    };
  });
  app.put('/pipelines/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const body = req.body as Record<string, unknown>;
    if (body.id !== id) return reply.code(400).send(bad('The provided id does not match the pipeline id'));
    const out = save(body);
    return out.error ? reply.code(400).send(bad(out.error)) : out.saved;
  });
  app.delete('/pipelines/:app/:name', async (req, reply) => {
    const { app: application, name } = req.params as { app: string; name: string };
    const found = [...pipelines.values()].find(
      (p) =>
        String(p.application).toLowerCase() === application.toLowerCase() &&
        String(p.name).toLowerCase() === name.toLowerCase(),
    );
    if (!found) return reply.code(404).send({ message: 'Pipeline not found' });
    pipelines.delete(String(found.id));
    return reply.code(200).send();
  });
  app.get(
    '/pipelines/:id/get',
    async (req, reply) =>
      pipelines.get((req.params as { id: string }).id) ?? reply.code(404).send({ message: 'not found' }),
  );
  app.get('/pipelines/:app', async (req) =>
    [...pipelines.values()].filter(
      (p) => String(p.application).toLowerCase() === (req.params as { app: string }).app.toLowerCase(),
    ),
  );
  app.get('/pipelines/triggeredBy/:id/:status', async (req) => {
    const { id, status } = req.params as { id: string; status: string };
    return [...pipelines.values()].filter((p) =>
      ((p.triggers as Record<string, unknown>[] | undefined) ?? []).some(
        (t) =>
          t.type === 'pipeline' &&
          t.enabled !== false &&
          t.pipeline === id &&
          ((t.status as string[] | undefined) ?? []).includes(status),
      ),
    );
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    applications,
    permissions,
    pipelines,
    close: () => app.close(),
  };
}
