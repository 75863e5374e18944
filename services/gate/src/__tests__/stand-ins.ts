import fastify, { type FastifyInstance } from 'fastify';

/** One call a stand-in received. */
export interface RecordedCall {
  service: string;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The data the stand-ins serve; tests mutate it. */
export interface StandInData {
  applications: Record<string, Record<string, unknown>>;
  cdApplications: {
    name: string;
    attributes?: Record<string, unknown>;
    clusterNames?: Record<string, string[]>;
  }[];
  pipelines: Record<string, unknown>[];
  executions: Record<string, Record<string, unknown>>;
  /** The status the next orca task ends in, and its error. */
  taskOutcome: { status: string; error?: string };
  accounts: Record<string, unknown>[];
  /** Services whose `/health/readiness` answers 503. */
  unready: string[];
}

/** Running stand-ins for front50, orca, clouddriver and echo, with the calls they received. */
export interface StandIns {
  urls: { front50: string; orca: string; clouddriver: string; echo: string; igor: string };
  data: StandInData;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** Small real HTTP servers implementing just what gate calls (Spinnaker's paths and shapes). */
export async function startStandIns(): Promise<StandIns> {
  const calls: RecordedCall[] = [];
  const data: StandInData = {
    applications: {},
    cdApplications: [],
    pipelines: [],
    executions: {},
    taskOutcome: { status: 'SUCCEEDED' },
    unready: [],
    accounts: [{ name: 'k8s-dev', type: 'kubernetes', permissions: { READ: ['dev'], WRITE: ['dev'] } }],
  };
  const tasks = new Map<string, Record<string, unknown>>();
  let seq = 0;
  const make = (service: string, routes: (app: FastifyInstance) => void) => {
    const app = fastify();
    app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, (_r, b, done) =>
      done(null, JSON.parse(b as string)),
    );
    app.addHook('preHandler', async (request) => {
      calls.push({
        service,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
      });
    });
    app.get('/health/liveness', async () => ({ status: 'UP' }));
    app.get('/health/readiness', async (_req, reply) =>
      data.unready.includes(service)
        ? reply.status(503).send({ status: 'DOWN', checks: { redis: { status: 'DOWN' } } })
        : { status: 'UP' },
    );
    routes(app);
    return app;
  };
  const byName = (app: string) =>
    data.pipelines.filter((p) => String(p.application).toLowerCase() === app.toLowerCase());

  const front50 = make('front50', (app) => {
    app.get('/v2/applications', async () => Object.values(data.applications));
    app.get<{ Params: { app: string } }>('/v2/applications/:app', async (req, reply) => {
      const found = data.applications[req.params.app.toLowerCase()];
      return found ?? reply.status(404).send({ message: `Application ${req.params.app} not found` });
    });
    app.get('/v2/applications/:app/history', async () => []);
    app.get<{ Params: { app: string } }>('/pipelines/:app', async (req) => byName(req.params.app));
    app.get('/pipelines', async () => data.pipelines);
    app.get<{ Params: { app: string; name: string } }>('/pipelines/:app/name/:name', async (req, reply) => {
      const found = byName(req.params.app).find(
        (p) => String(p.name).toLowerCase() === req.params.name.toLowerCase(),
      );
      return found ?? reply.status(404).send({ message: 'not found' });
    });
    app.get<{ Params: { id: string } }>('/pipelines/:id/get', async (req, reply) => {
      const found = data.pipelines.find((p) => p.id === req.params.id);
      return found ?? reply.status(404).send({ message: 'not found' });
    });
    app.get<{ Params: { id: string } }>('/pipelines/:id/history', async (req) =>
      data.pipelines.filter((p) => p.id === req.params.id),
    );
    app.get('/v2/projects', async () => [{ id: 'p1', name: 'proj' }]);
    app.get('/pipelineTemplates', async () => [
      { id: 'v1-template', schema: '1' },
      { id: 'v2-template', schema: 'v2', metadata: { name: 'Two' } },
    ]);
  });

  const orca = make('orca', (app) => {
    app.post('/ops', async (req) => {
      const id = `01TASK${++seq}`;
      const body = req.body as { application?: string };
      const { status, error } = data.taskOutcome;
      tasks.set(id, {
        id,
        application: body.application ?? 'unknown',
        status,
        variables: error ? [{ key: 'exception', value: { details: { errors: [error] } } }] : [],
        steps: [],
      });
      return { ref: `/tasks/${id}` };
    });
    app.get<{ Params: { id: string } }>(
      '/tasks/:id',
      async (req, reply) => tasks.get(req.params.id) ?? reply.status(404).send({ message: 'task not found' }),
    );
    app.put('/tasks/:id/cancel', async (_req, reply) => reply.status(202).send({}));
    app.get<{ Params: { app: string } }>('/applications/:app/tasks', async (req) =>
      [...tasks.values()].filter((t) => t.application === req.params.app),
    );
    app.post('/orchestrate', async () => ({ ref: `/pipelines/01EXEC${++seq}` }));
    app.get<{ Params: { id: string } }>(
      '/pipelines/:id',
      async (req, reply) =>
        data.executions[req.params.id] ?? reply.status(404).send({ message: 'Execution not found' }),
    );
    app.get('/pipelines', async () => Object.values(data.executions));
    app.get<{ Params: { app: string } }>('/v2/applications/:app/pipelines', async (req) =>
      Object.values(data.executions).filter((e) => e.application === req.params.app),
    );
    for (const action of ['cancel', 'pause', 'resume']) {
      app.put(`/pipelines/:id/${action}`, async (_req, reply) => reply.status(202).send());
    }
    app.delete('/pipelines/:id', async () => ({}));
    app.patch<{ Params: { id: string } }>(
      '/pipelines/:id/stages/:stageId',
      async (req) => data.executions[req.params.id],
    );
    app.put<{ Params: { id: string } }>(
      '/pipelines/:id/stages/:stageId/restart',
      async (req) => data.executions[req.params.id],
    );
    app.get('/pipelines/:id/evaluateExpression', async () => ({ result: 'ok' }));
  });

  const clouddriver = make('clouddriver', (app) => {
    app.get('/applications', async () => data.cdApplications);
    app.get<{ Params: { app: string } }>('/applications/:app', async (req, reply) => {
      const found = data.cdApplications.find((a) => a.name === req.params.app.toLowerCase());
      if (!found) return reply.status(404).send({ message: 'not found' });
      const clusters = Object.fromEntries(
        Object.entries(found.clusterNames ?? {}).map(([acct, names]) => [
          acct,
          names.map((name) => ({ name, serverGroups: [] })),
        ]),
      );
      return { name: found.name, attributes: found.attributes ?? {}, clusters };
    });
    app.get('/applications/:app/clusters', async () => ({ 'k8s-dev': ['deployment web'] }));
    app.get('/applications/:app/serverGroups', async () => []);
    app.get('/credentials', async () => data.accounts);
    app.get<{ Params: { name: string } }>(
      '/credentials/:name',
      async (req, reply) =>
        data.accounts.find((a) => a.name === req.params.name) ??
        reply.status(404).send({ message: 'no account' }),
    );
    app.get('/dockerRegistry/images/find', async (req) => [
      { account: 'reg', registry: 'reg:5000', repository: 'shop/api', tag: '1', query: req.query },
    ]);
    app.get('/dockerRegistry/images/tags', async () => ['1', '2']);
    app.get('/manifests/:account/:location/:name', async (req) => ({
      name: (req.params as { name: string }).name,
    }));
  });

  const echo = make('echo', (app) => {
    app.post('/', async (_req, reply) => reply.status(200).send());
  });

  const igor = make('igor', (app) => {
    app.get('/masters', async () => ['ci']);
    app.get('/jobs/:master', async (req) => {
      const { job } = req.query as { job?: string };
      return job ? { name: job, displayName: job } : ['team/job/svc'];
    });
    app.get('/jobs/:master/*', async (req) => ({ name: (req.params as Record<string, string>)['*'] }));
    const job = (req: { params: unknown; query: unknown }) =>
      (req.query as { job?: string }).job ?? (req.params as Record<string, string>)['*'];
    for (const prefix of ['/builds/all/:master', '/builds/status/:number/:master']) {
      for (const url of [prefix, `${prefix}/*`]) {
        app.get(url, async (req) => {
          const { master, number } = req.params as { master: string; number?: string };
          return number
            ? { number: Number(number), master, job: job(req) }
            : [{ number: 1, master, job: job(req) }];
        });
      }
    }
  });

  const servers = { front50, orca, clouddriver, echo, igor };
  const urls: Record<string, string> = {};
  for (const [name, app] of Object.entries(servers)) {
    urls[name] = await app.listen({ port: 0, host: '127.0.0.1' });
  }
  return {
    urls: urls as StandIns['urls'],
    data,
    calls,
    async close() {
      await Promise.all(Object.values(servers).map((s) => s.close()));
    },
  };
}
