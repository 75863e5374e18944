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

const app = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  email: 'team@example.com',
  cloudProviders: ['kubernetes', 'aws'],
  instancePort: 80,
  ...extra,
});

describe('/v2/applications', () => {
  it('creates an application as Front50 stores it, stamped with the signed user', async () => {
    const created = await f50.call('POST', '/v2/applications', app('  myapp '), 'alice');
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: 'MYAPP',
      email: 'team@example.com',
      cloudProviders: 'kubernetes,aws',
      instancePort: 80,
      trafficGuards: [],
      lastModifiedBy: 'alice',
    });
    expect(created.json.createTs).toMatch(/^\d+$/);
    expect(created.json.updateTs).toBe(created.json.createTs);
    const got = await f50.call('GET', '/v2/applications/MyApp');
    expect(got.status).toBe(200);
    expect(got.json.name).toBe('MYAPP');
    const anonymous = await f50.call('POST', '/v2/applications', app('other'));
    expect(anonymous.json.lastModifiedBy).toBe('anonymous');
  });

  it('refuses a duplicate (400), an invalid application (400 listing fields) and answers 404 when missing', async () => {
    await f50.call('POST', '/v2/applications', app('dup'));
    const dup = await f50.call('POST', '/v2/applications', app('DUP'));
    expect(dup.status).toBe(400);
    expect(dup.json.message).toMatch(/already exists/);
    const invalid = await f50.call('POST', '/v2/applications', { name: 'noemail' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors).toEqual([
      { path: 'email', message: 'Application must have a non-empty email' },
    ]);
    const blank = await f50.call('POST', '/v2/applications', { name: '  ', email: 'x@y' });
    expect(blank.status).toBe(400);
    expect((await f50.call('GET', '/v2/applications/nope')).status).toBe(404);
  });

  it('lists applications sorted by name with attribute filters and pageSize', async () => {
    await f50.call('POST', '/v2/applications', app('zeta', { email: 'z@corp.io' }));
    await f50.call('POST', '/v2/applications', app('alpha', { email: 'a@corp.io' }));
    await f50.call('POST', '/v2/applications', app('beta', { email: 'b@other.io' }));
    const all = await f50.call('GET', '/v2/applications');
    expect(all.json.map((a: { name: string }) => a.name)).toEqual(['ALPHA', 'BETA', 'ZETA']);
    const filtered = await f50.call('GET', '/v2/applications?email=CORP');
    expect(filtered.json.map((a: { name: string }) => a.name)).toEqual(['ALPHA', 'ZETA']);
    const paged = await f50.call('GET', '/v2/applications?pageSize=1&restricted=false');
    expect(paged.json).toHaveLength(1);
  });

  it('PATCH merges and keeps name and createTs; PUT replaces; a mismatched name is 400', async () => {
    const created = await f50.call(
      'POST',
      '/v2/applications',
      app('merge', { description: 'd1', repoType: 'github' }),
    );
    const patched = await f50.call(
      'PATCH',
      '/v2/applications/merge',
      { name: 'MERGE', description: 'd2', createTs: '1' },
      'bob',
    );
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      description: 'd2',
      email: 'team@example.com',
      repoType: 'github',
      lastModifiedBy: 'bob',
    });
    expect(patched.json.createTs).toBe(created.json.createTs);
    const replaced = await f50.call('PUT', '/v2/applications/merge', { name: 'merge', email: 'new@x.io' });
    expect(replaced.json.repoType).toBeUndefined();
    expect(replaced.json.createTs).toBe(created.json.createTs);
    const mismatch = await f50.call('PATCH', '/v2/applications/merge', { name: 'other' });
    expect(mismatch.status).toBe(400);
    expect((await f50.call('PATCH', '/v2/applications/ghost', { description: 'x' })).status).toBe(404);
  });

  it('keeps history newest first with limit, and restores an old version by saving it again', async () => {
    await f50.call('POST', '/v2/applications', app('hist', { description: 'v1' }));
    await f50.call('PATCH', '/v2/applications/hist', { description: 'v2' });
    await f50.call('PATCH', '/v2/applications/hist', { description: 'v3' });
    const history = await f50.call('GET', '/v2/applications/hist/history?limit=2');
    expect(history.json.map((v: { description: string }) => v.description)).toEqual(['v3', 'v2']);
    const all = await f50.call('GET', '/v2/applications/hist/history');
    const v1 = all.json[2];
    expect(v1.description).toBe('v1');
    await f50.call('PUT', '/v2/applications/hist', v1);
    expect((await f50.call('GET', '/v2/applications/hist')).json.description).toBe('v1');
    expect((await f50.call('GET', '/v2/applications/nope/history')).status).toBe(404);
  });

  it('deleting an application cascades to its pipelines, strategies, notifications, permissions and projects', async () => {
    await f50.call('POST', '/v2/applications', app('doomed'));
    await f50.call('POST', '/v2/applications', app('keeper'));
    const pipeline = await f50.call('POST', '/pipelines', { application: 'doomed', name: 'p', stages: [] });
    await f50.call('POST', '/pipelines', { application: 'keeper', name: 'p', stages: [] });
    await f50.call('POST', '/strategies', { application: 'doomed', name: 's', stages: [] });
    await f50.call('POST', '/notifications/application/doomed', { slack: [{ address: '#x' }] });
    await f50.call('PUT', '/permissions/applications/doomed', { permissions: { READ: ['team'] } });
    await f50.call('POST', '/serviceAccounts', {
      name: `${pipeline.json.id}@managed-service-account`,
      memberOf: [],
    });
    const solo = await f50.call('POST', '/v2/projects', {
      name: 'solo',
      config: { applications: ['doomed'] },
    });
    const shared = await f50.call('POST', '/v2/projects', {
      name: 'shared',
      config: {
        applications: ['doomed', 'keeper'],
        pipelineConfigs: [{ application: 'doomed', pipelineConfigId: 'x' }],
      },
    });

    expect((await f50.call('DELETE', '/v2/applications/DOOMED')).status).toBe(204);
    expect((await f50.call('GET', '/v2/applications/doomed')).status).toBe(404);
    expect((await f50.call('GET', '/pipelines/doomed')).json).toEqual([]);
    expect((await f50.call('GET', '/pipelines/keeper')).json).toHaveLength(1);
    expect((await f50.call('GET', '/strategies/doomed')).json).toEqual([]);
    expect((await f50.call('GET', '/notifications/application/doomed')).json).toEqual({});
    expect((await f50.call('GET', '/permissions/applications/doomed')).status).toBe(404);
    expect((await f50.call('GET', '/serviceAccounts')).json).toEqual([]);
    expect((await f50.call('GET', `/v2/projects/${solo.json.id}`)).status).toBe(404);
    const sharedAfter = await f50.call('GET', `/v2/projects/${shared.json.id}`);
    expect(sharedAfter.json.config).toMatchObject({ applications: ['keeper'], pipelineConfigs: [] });
    expect((await f50.call('DELETE', '/v2/applications/doomed')).status).toBe(204);
  });
});

describe('/permissions/applications', () => {
  it('stores permissions, converts requiredGroupMembership and injects restrictions into the application', async () => {
    await f50.call('POST', '/v2/applications', app('secure'));
    const put = await f50.call(
      'PUT',
      '/permissions/applications/secure',
      { permissions: { READ: ['dev'], WRITE: ['ops'] } },
      'carol',
    );
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ name: 'SECURE', lastModifiedBy: 'carol' });
    expect((await f50.call('GET', '/v2/applications/secure')).json.permissions).toEqual({
      READ: ['dev'],
      WRITE: ['ops'],
    });
    const legacy = await f50.call('POST', '/permissions/applications', {
      name: 'old',
      requiredGroupMembership: ['Admins'],
    });
    expect(legacy.json.permissions).toEqual({ READ: ['admins'], WRITE: ['admins'] });
    expect((await f50.call('GET', '/permissions/applications')).json).toHaveLength(2);
    expect((await f50.call('GET', '/permissions/applications/OLD')).json.name).toBe('OLD');
    expect((await f50.call('PUT', '/permissions/applications/secure', { name: 'other' })).status).toBe(400);
    expect((await f50.call('DELETE', '/permissions/applications/secure')).status).toBe(204);
    expect((await f50.call('GET', '/v2/applications/secure')).json.permissions).toBeUndefined();
  });
});
