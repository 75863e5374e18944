import type { ConfigError } from '@genoa/shared/node';
import { loadConfig } from '@genoa/shared/node';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../config.js';
import { dockerRegistryCredentialsView, DockerRegistryAccountSchema, registryName } from './accounts.js';
import { parseBearerChallenge } from './registry-client.js';

const problems = (value: unknown): string[] => {
  try {
    loadConfig(configSchema, { CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS: JSON.stringify(value) });
    return [];
  } catch (err) {
    return (err as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
  }
};

describe('CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS', () => {
  it('defaults to none and reports bad entries with field paths', () => {
    expect(loadConfig(configSchema, {}).CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS).toEqual([]);
    const found = problems([
      { name: 'a', address: 'ftp://x' },
      { name: 'a', address: 'https://r', password: 'p', passwordFile: '/f' },
      { name: 'b', address: 'https://r', repositories: ['x'], regex: '.*' },
    ]);
    expect(found).toContain(
      'CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS[0].address: must be an http(s) URL, e.g. https://index.docker.io',
    );
    expect(found).toContain(
      'CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS[1].passwordFile: give password or passwordFile, not both',
    );
    expect(found).toContain('CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS[1].name: duplicate account name "a"');
    expect(found.some((p) => p.startsWith('CLOUDDRIVER_DOCKER_REGISTRY_ACCOUNTS[2].regex'))).toBe(true);
    expect(problems([{ name: 'c', address: 'https://r', typo: 1 }]).join()).toMatch(/typo/);
  });

  it('names the registry as Spinnaker does: the address without scheme, trailing / or /v2', () => {
    expect(registryName('https://index.docker.io/')).toBe('index.docker.io');
    expect(registryName('http://127.0.0.1:5000/v2')).toBe('127.0.0.1:5000');
    const view = dockerRegistryCredentialsView(
      DockerRegistryAccountSchema.parse({
        name: 'hub',
        address: 'https://index.docker.io/v2/',
        password: 'x',
        username: 'u',
      }),
      ['library/nginx'],
    );
    expect(view).toMatchObject({
      name: 'hub',
      type: 'dockerRegistry',
      cloudProvider: 'dockerRegistry',
      address: 'https://index.docker.io',
      registry: 'index.docker.io',
      repositories: ['library/nginx'],
      trackDigests: true,
    });
    expect(JSON.stringify(view)).not.toMatch(/password|"x"/);
  });
});

describe('parseBearerChallenge', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    ],
    ['bearer realm=https://h/t,service=reg', { realm: 'https://h/t', service: 'reg', scope: undefined }],
    ['Bearer service="x"', undefined],
    ['Basic realm="Registry Realm"', undefined],
    [null, undefined],
  ])('%s', (header, expected) => {
    expect(parseBearerChallenge(header)).toEqual(expected);
  });
});
