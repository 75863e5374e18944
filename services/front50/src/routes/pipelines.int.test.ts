import type { S3Handle } from '@genoa/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, startStore, type Replica } from '../test-harness.js';

let s3: S3Handle;
let bucket: () => string;
let f50: Replica;
beforeAll(async () => ({ s3, bucket } = await startStore()));
afterAll(async () => s3.stop());
beforeEach(async () => {
  f50 = await startReplica(s3, { bucket: bucket(), bodyLimitBytes: 64 * 1024 });
});
afterEach(async () => f50.app.close());

const pipeline = (name: string, extra: Record<string, unknown> = {}) => ({
  application: 'app',
  name,
  stages: [{ refId: '1', type: 'wait', name: 'Wait', waitTime: 5 }],
  triggers: [],
  ...extra,
});

describe('/pipelines', () => {
  it('saves a new pipeline with a UUID, trimmed name, server-set updateTs and lastModifiedBy', async () => {
    const saved = await f50.call('POST', '/pipelines', pipeline('  deploy  ', { lastModified: 5 }), 'alice');
    expect(saved.status).toBe(200);
    expect(saved.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.json).toMatchObject({ name: 'deploy', lastModifiedBy: 'alice', application: 'app' });
    expect(saved.json.updateTs).toMatch(/^\d+$/);
    expect(saved.json.lastModified).toBeUndefined();
    const byId = await f50.call('GET', `/pipelines/${saved.json.id}/get`);
    expect(byId.json).toEqual(saved.json);
  });

  it('requires application and name (422), validates the body (400 with the path) and refuses oversize bodies (413)', async () => {
    const missing = await f50.call('POST', '/pipelines', { name: 'x', stages: [] });
    expect(missing.status).toBe(422);
    expect(missing.json.message).toBe('A pipeline requires name and application fields');
    const invalid = await f50.call('POST', '/pipelines', pipeline('bad', { stages: [{ name: 'no type' }] }));
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0].path).toBe('stages[0].type');
    const huge = await f50.call(
      'POST',
      '/pipelines',
      pipeline('huge', { description: 'x'.repeat(70 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect((await f50.call('GET', '/pipelines/app')).json).toEqual([]);
  });

  it('keeps names unique per application, ignoring case (400), but allows the same name elsewhere', async () => {
    const first = await f50.call('POST', '/pipelines', pipeline('Deploy'));
    const clash = await f50.call('POST', '/pipelines', pipeline('deploy'));
    expect(clash.status).toBe(400);
    expect(clash.json.message).toBe('A pipeline with name deploy already exists in application app');
    expect((await f50.call('POST', '/pipelines', pipeline('deploy', { application: 'other' }))).status).toBe(
      200,
    );
    const resave = await f50.call('POST', '/pipelines', { ...first.json, name: 'DEPLOY' });
    expect(resave.status).toBe(200);
    expect(resave.json.id).toBe(first.json.id);
  });

  it('staleCheck refuses a save made from an outdated copy (409) and accepts a fresh one', async () => {
    const v1 = await f50.call('POST', '/pipelines', pipeline('stale'));
    await new Promise((r) => setTimeout(r, 5));
    const v2 = await f50.call(
      'POST',
      '/pipelines?staleCheck=true',
      { ...v1.json, description: 'by bob' },
      'bob',
    );
    expect(v2.status).toBe(200);
    const outdated = await f50.call(
      'POST',
      '/pipelines?staleCheck=true',
      { ...v1.json, description: 'by carol' },
      'carol',
    );
    expect(outdated.status).toBe(409);
    expect(outdated.json.message).toMatch(/stale.*changed by bob/);
    expect(
      (await f50.call('POST', '/pipelines?staleCheck=false', { ...v1.json, description: 'forced' })).status,
    ).toBe(200);
  });

  it('assigns cron trigger ids: missing ones kept otherwise, all regenerated for a new pipeline', async () => {
    const cron = (id?: string) => ({
      type: 'cron',
      enabled: true,
      cronExpression: '0 0 * * * ?',
      ...(id ? { id } : {}),
    });
    const saved = await f50.call(
      'POST',
      '/pipelines',
      pipeline('cron', { triggers: [cron('given'), cron()] }),
    );
    const [a, b] = saved.json.triggers;
    expect(a.id).not.toBe('given');
    expect(b.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await f50.call('POST', '/pipelines', { ...saved.json, triggers: [a, cron()] });
    expect(again.json.triggers[0].id).toBe(a.id);
    expect(again.json.triggers[1].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists an application sorted by index then name with index renumbered, and filters by name', async () => {
    await f50.call('POST', '/pipelines', pipeline('zulu', { index: 5 }));
    await f50.call('POST', '/pipelines', pipeline('alpha'));
    await f50.call('POST', '/pipelines', pipeline('Bravo'));
    await f50.call('POST', '/pipelines', pipeline('mike', { index: 1, disabled: true }));
    const list = await f50.call('GET', '/pipelines/APP');
    expect(list.json.map((p: { name: string; index: number }) => [p.name, p.index])).toEqual([
      ['mike', 0],
      ['zulu', 1],
      ['alpha', 2],
      ['Bravo', 3],
    ]);
    const filtered = await f50.call('GET', '/pipelines/app?pipelineNameFilter=LP');
    expect(filtered.json.map((p: { name: string }) => p.name)).toEqual(['alpha']);
    const enabled = await f50.call('GET', '/pipelines/app?enabledPipelines=true');
    expect(enabled.json).toHaveLength(3);
    expect((await f50.call('GET', '/pipelines/app/name/BRAVO')).json.name).toBe('Bravo');
    expect((await f50.call('GET', '/pipelines/app/name/none')).status).toBe(404);
  });

  it('lists all pipelines with enabled and trigger filters, and answers triggeredBy', async () => {
    const upstream = await f50.call(
      'POST',
      '/pipelines',
      pipeline('up', { triggers: [{ type: 'jenkins', enabled: true }] }),
    );
    const trigger = { type: 'pipeline', enabled: 'TRUE', pipeline: upstream.json.id, status: ['successful'] };
    await f50.call('POST', '/pipelines', pipeline('down', { triggers: [trigger] }));
    await f50.call(
      'POST',
      '/pipelines',
      pipeline('off', { disabled: true, triggers: [{ ...trigger, enabled: false }] }),
    );
    expect((await f50.call('GET', '/pipelines')).json).toHaveLength(3);
    const jenkins = await f50.call('GET', '/pipelines?triggerTypes=jenkins,docker');
    expect(jenkins.json.map((p: { name: string }) => p.name)).toEqual(['up']);
    const enabledTriggers = await f50.call('GET', '/pipelines?enabledPipelines=true&enabledTriggers=true');
    expect(enabledTriggers.json.map((p: { name: string }) => p.name).sort()).toEqual(['down', 'up']);
    const triggered = await f50.call('GET', `/pipelines/triggeredBy/${upstream.json.id}/successful`);
    expect(triggered.json.map((p: { name: string }) => p.name)).toEqual(['down']);
    expect((await f50.call('GET', `/pipelines/triggeredBy/${upstream.json.id}/failed`)).json).toEqual([]);
  });

  it('PUT updates by id (400 on an id mismatch, 404 when missing)', async () => {
    const saved = await f50.call('POST', '/pipelines', pipeline('put'));
    const updated = await f50.call(
      'PUT',
      `/pipelines/${saved.json.id}`,
      { ...saved.json, description: 'new' },
      'dave',
    );
    expect(updated.json).toMatchObject({ description: 'new', lastModifiedBy: 'dave', id: saved.json.id });
    expect(
      (await f50.call('PUT', `/pipelines/${saved.json.id}`, { ...saved.json, id: 'other' })).status,
    ).toBe(400);
    expect((await f50.call('PUT', '/pipelines/missing', pipeline('x'))).status).toBe(404);
  });

  it('keeps history newest first and restores an old version by saving it again', async () => {
    const v1 = await f50.call('POST', '/pipelines', pipeline('hist', { description: 'one' }));
    await f50.call('POST', '/pipelines', { ...v1.json, description: 'two' });
    await f50.call('POST', '/pipelines', { ...v1.json, description: 'three' });
    const history = await f50.call('GET', `/pipelines/${v1.json.id}/history?limit=2`);
    expect(history.json.map((p: { description: string }) => p.description)).toEqual(['three', 'two']);
    const oldest = (await f50.call('GET', `/pipelines/${v1.json.id}/history`)).json[2];
    expect(oldest).toEqual(v1.json);
    await f50.call('POST', '/pipelines', oldest);
    expect((await f50.call('GET', '/pipelines/app/name/hist')).json.description).toBe('one');
    expect((await f50.call('GET', `/pipelines/${v1.json.id}/history`)).json).toHaveLength(4);
    expect((await f50.call('GET', '/pipelines/nope/history')).status).toBe(404);
  });

  it('deletes by application and name (case-insensitive) with its managed service account; 404 when missing', async () => {
    const saved = await f50.call('POST', '/pipelines', pipeline('Gone'));
    await f50.call('POST', '/serviceAccounts', { name: `${saved.json.id}@managed-service-account` });
    expect((await f50.call('DELETE', '/pipelines/APP/gone')).status).toBe(200);
    expect((await f50.call('GET', '/pipelines/app')).json).toEqual([]);
    expect((await f50.call('GET', '/serviceAccounts')).json).toEqual([]);
    expect((await f50.call('DELETE', '/pipelines/app/gone')).status).toBe(404);
  });

  it('batchUpdate saves what it can and reports failures; reorder rewrites indexes', async () => {
    const existing = await f50.call('POST', '/pipelines', pipeline('taken'));
    const batch = await f50.call('POST', '/pipelines/batchUpdate', [
      pipeline('b1'),
      pipeline('b2'),
      pipeline('TAKEN'),
      { name: 'no-app', stages: [] },
    ]);
    expect(batch.json).toMatchObject({
      successful_pipelines_count: 2,
      successful_pipelines: ['b1', 'b2'],
      failed_pipelines_count: 2,
    });
    expect(batch.json.failed_pipelines[0].errorMsg).toMatch(/already exists/);
    const list = (await f50.call('GET', '/pipelines/app')).json as { id: string; name: string }[];
    const reversed = Object.fromEntries(list.map((p, i) => [p.id, list.length - 1 - i]));
    expect(
      (await f50.call('POST', '/actions/pipelines/reorder', { application: 'app', idsToIndices: reversed }))
        .status,
    ).toBe(200);
    const after = (await f50.call('GET', '/pipelines/app')).json as { name: string }[];
    expect(after.map((p) => p.name)).toEqual(list.map((p) => p.name).reverse());
    expect(existing.status).toBe(200);
  });
});

describe('/strategies', () => {
  it('follows the pipeline rules in its own folder', async () => {
    const saved = await f50.call('POST', '/strategies', pipeline('rb'), 'erin');
    expect(saved.json).toMatchObject({ name: 'rb', lastModifiedBy: 'erin' });
    expect((await f50.call('POST', '/strategies', pipeline('RB'))).status).toBe(400);
    expect((await f50.call('GET', '/strategies/app')).json).toHaveLength(1);
    expect((await f50.call('GET', '/pipelines/app')).json).toEqual([]);
    expect((await f50.call('GET', `/strategies/${saved.json.id}/history`)).json).toHaveLength(1);
    expect((await f50.call('DELETE', '/strategies/app/rb')).status).toBe(200);
    expect((await f50.call('GET', '/strategies')).json).toEqual([]);
  });
});
