import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushImage, startDockerRegistry, type DockerRegistryHandle } from '@genoa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../__fixtures__/harness.js';
import type { KubeObject } from '../domain/kube-object.js';

const auth = { username: 'spinnaker', password: 'registry-pa55' };
let open: DockerRegistryHandle;
let secured: DockerRegistryHandle;
let h: Harness;

beforeAll(async () => {
  [open, secured] = await Promise.all([startDockerRegistry(), startDockerRegistry({ auth })]);
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'cd-docker-')), 'password');
  writeFileSync(passwordFile, `${auth.password}\n`);
  await pushImage(open.url, 'org/api', '1.0.0');
  await pushImage(open.url, 'org/web', 'latest');
  await pushImage(secured.url, 'team/app', 'v1', { auth });
  h = await startHarness({
    CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: JSON.stringify([
      // catalog discovery (no repositories listed), one repository skipped
      { name: 'local-registry', address: `${open.url}/`, skip: ['org/web'] },
      // bearer-token challenge with Basic credentials from a file
      {
        name: 'harbor-like',
        address: secured.url,
        username: auth.username,
        passwordFile,
        repositories: ['team/app'],
        permissions: { READ: ['dev'], WRITE: [] },
      },
    ]),
  });
});
afterAll(async () => {
  await h?.stop();
  await Promise.all([open?.stop(), secured?.stop()]);
});

describe('Docker Registry accounts', () => {
  it('lists dockerRegistry accounts in /credentials next to the kubernetes ones', async () => {
    const { body } = await h.get<Record<string, unknown>[]>('/credentials');
    expect(body.map((a) => [a.name, a.type])).toEqual([
      ['local', 'kubernetes'],
      ['local-registry', 'dockerRegistry'],
      ['harbor-like', 'dockerRegistry'],
    ]);
    expect(body[2]).toMatchObject({
      cloudProvider: 'dockerRegistry',
      accountType: 'harbor-like',
      registry: secured.host,
      address: secured.url,
      repositories: ['team/app'],
      trackDigests: true,
      permissions: { READ: ['dev'], WRITE: [] },
    });
    expect(JSON.stringify(body)).not.toContain(auth.password);
    const one = await h.get<Record<string, unknown>>('/credentials/local-registry');
    expect(one.body).toMatchObject({ name: 'local-registry', registry: open.host, address: open.url });
  });

  it('finds tagged images with digests in Spinnaker shape (catalog discovery, skip)', async () => {
    const { status, body } = await h.get<Record<string, unknown>[]>(
      '/dockerRegistry/images/find?account=local-registry',
    );
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      account: 'local-registry',
      registry: open.host,
      repository: 'org/api',
      tag: '1.0.0',
      artifact: {
        type: 'docker',
        name: 'org/api',
        version: '1.0.0',
        reference: `${open.host}/org/api:1.0.0`,
        metadata: { registry: open.host },
      },
    });
    expect(body[0]!.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('answers the bearer challenge of a token-auth registry and follows a re-pushed tag to its new digest', async () => {
    const before = await h.get<{ digest: string }[]>(
      '/dockerRegistry/images/find?account=harbor-like&repository=team/app',
    );
    expect(before.body.map((i) => i.digest)).toHaveLength(1);
    const repushed = await pushImage(secured.url, 'team/app', 'v1', { auth, layers: ['rebuilt'] });
    const after = await h.get<{ tag: string; digest: string }[]>(
      '/dockerRegistry/images/find?account=harbor-like&repository=team/app',
    );
    expect(after.body).toEqual([expect.objectContaining({ tag: 'v1', digest: repushed })]);
    expect(repushed).not.toBe(before.body[0]!.digest);
    expect(secured.tokensIssued()).toBeGreaterThan(0);
  });

  it('filters by q, tag and registry; lists tags; validates the query', async () => {
    await pushImage(open.url, 'org/api', '1.1.0');
    const q = await h.get<{ tag: string }[]>('/dockerRegistry/images/find?q=api:1.1');
    expect(q.body.map((i) => i.tag)).toEqual(['1.1.0']);
    const byRegistry = await h.get<{ account: string }[]>(
      `/dockerRegistry/images/find?registry=${encodeURIComponent(secured.host)}`,
    );
    expect(new Set(byRegistry.body.map((i) => i.account))).toEqual(new Set(['harbor-like']));
    const tags = await h.get<string[]>(
      '/dockerRegistry/images/tags?account=local-registry&repository=org/api',
    );
    expect(tags.body).toEqual(['1.0.0', '1.1.0']);
    expect((await h.get<string[]>('/dockerRegistry/images/tags?account=nope&repository=x')).body).toEqual([]);
    const bad = await h.get<{ message: string }>('/dockerRegistry/images/tags?account=local-registry');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('repository');
  });

  it('fails a lookup of a named account whose registry is down (502/503, not an empty list)', async () => {
    const down = await startHarness({
      CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: JSON.stringify([
        { name: 'gone', address: 'http://127.0.0.1:9', repositories: ['x'], clientTimeoutMillis: 500 },
      ]),
    });
    try {
      const res = await down.get('/dockerRegistry/images/find?account=gone');
      expect(res.status).toBe(503);
      expect((await down.get('/dockerRegistry/images/find')).body).toEqual([]);
    } finally {
      await down.stop();
    }
  });
});

describe('deployManifest binds the triggered docker/image artifact', () => {
  const deployment = (images: string[]): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop-api' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'shop-api' } },
      template: {
        metadata: { labels: { app: 'shop-api' } },
        spec: {
          initContainers: [{ name: 'migrate', image: images[0] }],
          containers: images.slice(1).map((image, i) => ({ name: `c${i}`, image })),
        },
      },
    },
  });

  it('replaces images by name, also when the manifest already has a tag (registry with a port)', async () => {
    const name = `${open.host}/org/api`;
    const artifact = { type: 'docker/image', name, version: '1.1.0', reference: `${name}:1.1.0` };
    const task = await h.ok([
      {
        deployManifest: {
          account: 'local',
          cloudProvider: 'kubernetes',
          moniker: { app: 'shop' },
          source: 'text',
          manifests: [deployment([`${name}:0.9`, `${name}`, 'org/sidecar:3'])],
          requiredArtifacts: [{ expectedArtifactId: 'image', artifact }],
          optionalArtifacts: [{ type: 'docker/image', name: 'org/unused', reference: 'org/unused:9' }],
        },
      },
    ]);
    const result = task.resultObjects[0] as { manifests: KubeObject[]; boundArtifacts: unknown[] };
    const spec = result.manifests[0]!.spec.template.spec;
    expect(spec.initContainers[0].image).toBe(`${name}:1.1.0`);
    expect(spec.containers.map((c: { image: string }) => c.image)).toEqual([
      `${name}:1.1.0`,
      'org/sidecar:3',
    ]);
    expect(result.boundArtifacts).toEqual([artifact]);
    const live = await h.clouddriver.accounts.get('local')!.client.get('Deployment', 'default', 'shop-api');
    expect(live?.spec.template.spec.containers[0].image).toBe(`${name}:1.1.0`);
  });

  it('binds an optional artifact by digest reference', async () => {
    const name = `${open.host}/org/api`;
    const digest = `sha256:${'a'.repeat(64)}`;
    const task = await h.ok([
      {
        deployManifest: {
          account: 'local',
          cloudProvider: 'kubernetes',
          moniker: { app: 'shop' },
          source: 'text',
          manifests: [deployment([`${name}:1`, `${name}@sha256:${'b'.repeat(64)}`])],
          optionalArtifacts: [{ type: 'docker/image', name, reference: `${name}@${digest}` }],
        },
      },
    ]);
    const spec = (task.resultObjects[0] as { manifests: KubeObject[] }).manifests[0]!.spec.template.spec;
    expect(spec.initContainers[0].image).toBe(`${name}@${digest}`);
    expect(spec.containers[0].image).toBe(`${name}@${digest}`);
  });
});
