import type { S3Handle } from '@genoa/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startReplica, startStore, type Replica } from '../test-harness.js';

let s3: S3Handle;
let bucket: () => string;
let f50: Replica;
beforeAll(async () => ({ s3, bucket } = await startStore()));
afterAll(async () => s3.stop());
beforeEach(async () => {
  f50 = await startReplica(s3, { bucket: bucket() });
});
afterEach(async () => f50.app.close());

describe('/notifications', () => {
  it('stores per-application and global notifications and appends the global lists on read', async () => {
    const global = await f50.call(
      'POST',
      '/notifications/global',
      { email: [{ address: 'ops@x.io' }] },
      'ann',
    );
    expect(global.json).toMatchObject({ lastModifiedBy: 'ann' });
    await f50.call('POST', '/notifications/application/Shop', {
      slack: [{ address: '#shop' }],
      email: [{ address: 'shop@x.io' }],
    });
    const app = await f50.call('GET', '/notifications/application/shop');
    expect(app.json.application).toBe('Shop');
    expect(app.json.email).toEqual([{ address: 'shop@x.io' }, { address: 'ops@x.io' }]);
    expect(app.json.slack).toEqual([{ address: '#shop' }]);
    expect((await f50.call('GET', '/notifications/global')).json.email).toEqual([{ address: 'ops@x.io' }]);
    expect((await f50.call('GET', '/notifications')).json).toHaveLength(2);
    expect((await f50.call('DELETE', '/notifications/application/shop')).status).toBe(200);
    expect((await f50.call('GET', '/notifications/application/shop')).json).toEqual({
      email: [{ address: 'ops@x.io' }],
    });
    expect((await f50.call('GET', '/notifications/bogus/shop')).status).toBe(400);
  });
});

describe('/serviceAccounts', () => {
  it('creates, lists and deletes service accounts, keyed by lower-cased name', async () => {
    const created = await f50.call(
      'POST',
      '/serviceAccounts',
      { name: 'CI-Bot', memberOf: ['deployers'] },
      'root',
    );
    expect(created.json).toMatchObject({ name: 'CI-Bot', memberOf: ['deployers'], lastModifiedBy: 'root' });
    expect((await f50.call('POST', '/serviceAccounts', { memberOf: [] })).status).toBe(400);
    expect((await f50.call('GET', '/serviceAccounts')).json.map((a: { name: string }) => a.name)).toEqual([
      'CI-Bot',
    ]);
    expect((await f50.call('DELETE', '/serviceAccounts/ci-bot')).status).toBe(204);
    expect((await f50.call('GET', '/serviceAccounts')).json).toEqual([]);
  });
});

describe('/v2/projects', () => {
  it('creates projects with unique names, finds them by id or name, searches, updates and deletes', async () => {
    const created = await f50.call('POST', '/v2/projects', {
      name: 'Checkout',
      email: 'c@x.io',
      config: { applications: ['cart'] },
    });
    expect(created.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof created.json.createTs).toBe('number');
    const dup = await f50.call('POST', '/v2/projects', { name: 'checkout' });
    expect(dup.status).toBe(400);
    expect(dup.json.message).toBe("A Project named 'checkout' already exists");
    expect((await f50.call('GET', '/v2/projects/CHECKOUT')).json.id).toBe(created.json.id);
    expect((await f50.call('GET', `/v2/projects/${created.json.id}`)).json.name).toBe('Checkout');
    expect((await f50.call('GET', '/v2/projects/search?q=heck')).json).toHaveLength(1);
    const updated = await f50.call('PUT', `/v2/projects/${created.json.id}`, {
      ...created.json,
      email: 'new@x.io',
    });
    expect(updated.json).toMatchObject({ email: 'new@x.io', createTs: created.json.createTs });
    expect((await f50.call('GET', '/v2/projects?email=new')).json).toHaveLength(1);
    expect((await f50.call('DELETE', `/v2/projects/${created.json.id}`)).status).toBe(202);
    expect((await f50.call('GET', `/v2/projects/${created.json.id}`)).status).toBe(404);
  });
});

describe('/pipelineTemplates', () => {
  it('stores templates, filters by scope and refuses to delete one that pipelines depend on', async () => {
    const template = { id: 'base', schema: '1', metadata: { name: 'Base', scopes: ['global'] }, stages: [] };
    expect((await f50.call('POST', '/pipelineTemplates', template, 'tim')).json.lastModifiedBy).toBe('tim');
    expect((await f50.call('POST', '/pipelineTemplates', template)).status).toBe(400);
    expect((await f50.call('GET', '/pipelineTemplates?scopes=GLOBAL')).json).toHaveLength(1);
    expect((await f50.call('GET', '/pipelineTemplates?scopes=team')).json).toEqual([]);
    const put = await f50.call('PUT', '/pipelineTemplates/base', {
      ...template,
      metadata: { name: 'Base v2' },
    });
    expect(put.json.metadata.name).toBe('Base v2');
    await f50.call('POST', '/pipelines', {
      application: 'app',
      name: 'templated',
      type: 'templatedPipeline',
      config: { pipeline: { template: { source: 'spinnaker://base' } } },
      stages: [],
    });
    expect((await f50.call('GET', '/pipelineTemplates/base/dependentPipelines')).json).toHaveLength(1);
    const refused = await f50.call('DELETE', '/pipelineTemplates/base');
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/still used by 1 pipeline/);
    await f50.call('DELETE', '/pipelines/app/templated');
    expect((await f50.call('DELETE', '/pipelineTemplates/base')).status).toBe(204);
    expect((await f50.call('GET', '/pipelineTemplates/base')).status).toBe(404);
  });
});
