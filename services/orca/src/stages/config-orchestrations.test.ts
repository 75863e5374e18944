import { describe, expect, it } from 'vitest';
import { createHarness } from '../__tests__/harness.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

async function task(job: Record<string, unknown>[], h = createHarness()) {
  const e = await h.engine.launcher.startOrchestration({
    application: 'myapp',
    description: 'test',
    job: job as { type: string }[],
  });
  await h.run({ advance: true });
  return { h, e: await h.get(e.id) };
}

describe('configuration orchestrations (front50)', () => {
  it('createApplication creates, then upsertApplication updates and sets permissions', async () => {
    const { h, e } = await task([
      {
        type: 'createApplication',
        application: { name: 'myapp', email: 'a@b.c', cloudProviders: 'kubernetes' },
        user: 'alice',
      },
    ]);
    expect(e.type).toBe('ORCHESTRATION');
    expect(e.status).toBe('SUCCEEDED');
    expect(e.stages[0]!.refId).toBe('0');
    expect(h.front50.applications.get('MYAPP')).toMatchObject({ email: 'a@b.c' });
    const second = await task(
      [
        {
          type: 'upsertApplication',
          application: { name: 'myapp', email: 'x@y.z', permissions: { READ: ['t'] } },
        },
      ],
      h,
    );
    expect(second.e.status).toBe('SUCCEEDED');
    expect(h.front50.calls).toContain('PATCH app myapp');
    expect(h.front50.permissions.get('myapp')).toEqual({ READ: ['t'] });
  });

  it('rejects an invalid kubernetes application name with a clear error', async () => {
    const { e } = await task([
      { type: 'createApplication', application: { name: 'my_app', cloudProviders: 'kubernetes' } },
    ]);
    expect(e.status).toBe('TERMINAL');
    expect(JSON.stringify(e.stages[0]!.context.exception)).toMatch(/invalid for kubernetes/);
  });

  it('deleteApplication deletes, and an absent application counts as deleted', async () => {
    const h = createHarness();
    h.front50.applications.set('MYAPP', { name: 'myapp' });
    const { e } = await task([{ type: 'deleteApplication', application: { name: 'myapp' } }], h);
    expect(e.status).toBe('SUCCEEDED');
    expect(h.front50.applications.size).toBe(0);
    expect((await task([{ type: 'deleteApplication', application: { name: 'gone' } }], h)).e.status).toBe(
      'SUCCEEDED',
    );
  });

  it('savePipeline (single and bulk), updatePipeline and deletePipeline', async () => {
    const h = createHarness();
    h.front50.pipelines.set('p1', { id: 'p1', application: 'myapp', name: 'deploy', index: 3, stages: [] });
    const saved = await task(
      [
        {
          type: 'savePipeline',
          pipeline: b64({ id: 'p1', application: 'myapp', name: 'deploy', stages: [] }),
          user: 'a',
        },
      ],
      h,
    );
    expect(saved.e.status).toBe('SUCCEEDED');
    expect(h.front50.pipelines.get('p1')!.index).toBe(3);
    expect(saved.e.stages[0]!.outputs).toMatchObject({
      'notification.type': 'savepipeline',
      'pipeline.id': 'p1',
      'pipeline.name': 'deploy',
    });
    const bulk = await task(
      [
        {
          type: 'savePipeline',
          isBulkSavingPipelines: true,
          pipelines: b64([
            { id: 'b1', application: 'myapp', name: 'one', stages: [] },
            { id: 'b2', application: 'myapp', name: 'two', stages: [] },
          ]),
        },
      ],
      h,
    );
    expect(bulk.e.stages[0]!.context.bulksave).toMatchObject({ successful_pipelines_count: 2 });
    const updated = await task(
      [
        {
          type: 'updatePipeline',
          pipeline: b64({ id: 'b1', application: 'myapp', name: 'renamed', stages: [] }),
        },
      ],
      h,
    );
    expect(updated.e.status).toBe('SUCCEEDED');
    expect(h.front50.pipelines.get('b1')!.name).toBe('renamed');
    const deleted = await task(
      [{ type: 'deletePipeline', pipeline: b64({ application: 'myapp', name: 'two' }) }],
      h,
    );
    expect(deleted.e.status).toBe('SUCCEEDED');
    expect(h.front50.pipelines.has('b2')).toBe(false);
  });

  it('a front50 400 makes the task TERMINAL with front50 message', async () => {
    const { e } = await task([{ type: 'savePipeline', pipeline: b64({ stages: [] }) }]);
    expect(e.status).toBe('TERMINAL');
    expect(JSON.stringify(e.stages[0]!.context.exception)).toMatch(/requires name and application/);
  });
});
