import { describe, expect, it } from 'vitest';
import { createHarness } from '../__tests__/harness.js';

const hook = (extra: Record<string, unknown> = {}) => ({
  refId: '1',
  type: 'webhook',
  name: 'Hook',
  url: 'http://hooks.test/run',
  method: 'post',
  payload: { a: 1 },
  ...extra,
});

describe('webhook stage', () => {
  it('calls the URL once and keeps the response under context.webhook', async () => {
    const h = createHarness();
    h.http.routes.set('POST http://hooks.test/run', (body) => ({
      status: 200,
      headers: {},
      body: { echoed: body },
    }));
    const id = await h.start({ stages: [hook()] });
    await h.run();
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.context.webhook).toMatchObject({
      statusCode: 'OK',
      statusCodeValue: 200,
      body: { echoed: { a: 1 } },
    });
    expect(h.http.requests).toHaveLength(1);
  });

  it('waits for completion: polls the status URL from the response until a success status', async () => {
    const h = createHarness();
    let polls = 0;
    h.http.routes.set('POST http://hooks.test/run', () => ({
      status: 202,
      headers: {},
      body: { links: { status: 'http://hooks.test/s/1' } },
    }));
    h.http.routes.set('GET http://hooks.test/s/1', () => ({
      status: 200,
      headers: {},
      body: { state: ++polls < 3 ? 'RUNNING' : 'Done' },
    }));
    const id = await h.start({
      stages: [
        hook({
          waitForCompletion: true,
          statusUrlResolution: 'webhookResponse',
          statusUrlJsonPath: '$.links.status',
          statusJsonPath: '$.state',
          successStatuses: 'done',
        }),
      ],
    });
    await h.run({ advance: true });
    const e = await h.get(id);
    expect(e.status).toBe('SUCCEEDED');
    expect(polls).toBe(3);
    expect(e.stages[0]!.context.statusEndpoint).toBe('http://hooks.test/s/1');
    expect(
      (e.stages[0]!.context.webhook as { monitor: { resolvedValue: string } }).monitor.resolvedValue,
    ).toBe('Done');
  });

  it('a terminal status from the status URL fails the stage', async () => {
    const h = createHarness();
    h.http.routes.set('POST http://hooks.test/run', () => ({
      status: 200,
      headers: { location: '/s/2' },
      body: {},
    }));
    h.http.routes.set('GET http://hooks.test/s/2', () => ({
      status: 200,
      headers: {},
      body: { state: 'FAILED' },
    }));
    const id = await h.start({
      stages: [
        hook({
          waitForCompletion: true,
          statusUrlResolution: 'locationHeader',
          statusJsonPath: 'state',
          terminalStatuses: 'failed',
        }),
      ],
    });
    await h.run({ advance: true });
    expect((await h.get(id)).stages[0]!.status).toBe('TERMINAL');
  });

  it('retries 503, fails fast on 504, and fails on other 4xx', async () => {
    const h = createHarness();
    let calls = 0;
    h.http.routes.set('POST http://hooks.test/run', () => ({
      status: ++calls < 3 ? 503 : 200,
      headers: {},
      body: {},
    }));
    const id = await h.start({ stages: [hook()] });
    await h.run({ advance: true });
    expect((await h.get(id)).status).toBe('SUCCEEDED');
    expect(calls).toBe(3);
    for (const [status, expected] of [
      [504, /fail fast/],
      [403, /status code 403/],
    ] as const) {
      const h2 = createHarness();
      h2.http.routes.set('POST http://hooks.test/run', () => ({ status, headers: {}, body: {} }));
      const id2 = await h2.start({ stages: [hook()] });
      await h2.run({ advance: true });
      const s = (await h2.get(id2)).stages[0]!;
      expect(s.status).toBe('TERMINAL');
      expect(JSON.stringify(s.context.exception)).toMatch(expected);
      expect(h2.http.requests).toHaveLength(1);
    }
  });

  it('an attempt interrupted after it may have acted is not repeated', async () => {
    const h = createHarness();
    h.http.routes.set('POST http://hooks.test/run', () => ({ status: 200, headers: {}, body: {} }));
    const id = await h.start({ stages: [hook()] });
    await h.run({ maxSteps: 3 }); // startExecution, startStage, startTask
    // simulate a worker that recorded the attempt, called the hook, and died before storing the result
    const { lock, execution } = await h.repository.lockAndGet(id);
    Object.assign(execution!.stages[0]!.tasks![0]!, { attempts: { started: 1, finished: 0 } });
    await h.repository.saveAndUnlock(execution!, lock!);
    await h.run();
    const s = (await h.get(id)).stages[0]!;
    expect(s.status).toBe('TERMINAL');
    expect(JSON.stringify(s.context.exception)).toMatch(/interrupted/);
    expect(h.http.requests).toHaveLength(0);
  });
});
