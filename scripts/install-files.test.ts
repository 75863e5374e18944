import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPorts, startTiers, type ServiceName } from '@genoa/shared';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = Object.keys(defaultPorts) as ServiceName[];

interface ComposeService {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  read_only?: boolean;
  command?: string[];
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

async function configKeys(name: ServiceName): Promise<string[]> {
  const file = name === 'deck' ? 'services/deck/server/config.ts' : `services/${name}/src/config.ts`;
  const { configSchema } = (await import(join(root, file))) as { configSchema: z.ZodObject };
  return Object.keys(configSchema.shape);
}

/** Service base URLs every service receives; a service reads the ones it calls. */
const serviceUrls = new Set(services.map((s) => `${s.toUpperCase()}_URL`));

describe('docker-compose.yml', () => {
  it.each(services)('%s is built from the Dockerfile on its Spinnaker port', (name) => {
    const service = compose.services[name]!;
    expect(service.build?.args).toEqual({ SERVICE: name, SERVICE_PORT: String(defaultPorts[name]) });
    expect(service.read_only).toBe(true);
  });

  it.each(services)('%s gets only variables its config reads (or service URLs)', async (name) => {
    const known = new Set(await configKeys(name));
    const unknown = Object.keys(compose.services[name]!.environment ?? {}).filter(
      (key) => !known.has(key) && !serviceUrls.has(key),
    );
    expect(unknown).toEqual([]);
  });

  it('starts tiers in dependency order: each service waits for the tier before it to be healthy', () => {
    startTiers.forEach((tier, index) => {
      for (const name of tier) {
        const dependsOn = compose.services[name]!.depends_on ?? {};
        const serviceDeps = Object.keys(dependsOn).filter((d) => services.includes(d as ServiceName));
        if (index === 0) expect(serviceDeps).toEqual([]);
        else expect(serviceDeps.sort()).toEqual([...startTiers[index - 1]!].sort());
        for (const dep of serviceDeps) expect(dependsOn[dep]!.condition).toBe('service_healthy');
      }
    });
  });

  it('publishes only deck and gate, on loopback', () => {
    const published = Object.entries(compose.services).filter(([, s]) => s.ports?.length);
    expect(published.map(([n]) => n).sort()).toEqual(['deck', 'gate']);
    for (const [, s] of published) for (const port of s.ports!) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('runs Redis with AOF and noeviction, and creates the front50 bucket before front50 starts', () => {
    expect(compose.services.redis!.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    );
    expect(compose.services.front50!.depends_on?.['minio-init']?.condition).toBe(
      'service_completed_successfully',
    );
    expect(compose.services.front50!.environment?.FRONT50_BUCKET).toBe('genoa');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stages = text.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds on Node 22 LTS in two stages', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:22-/m);
    expect(stages.length).toBe(2);
  });

  it('runs as a non-root user with a healthcheck and the bundled entry', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/health\/liveness/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", "\/app\/server\/main\.js"\]$/m);
  });

  it('ships no node_modules and no package manager in the runtime stage', () => {
    expect(runtime).not.toMatch(/pnpm|npm install|node_modules/);
    expect(runtime).toMatch(/^COPY --from=build .*\/out\/ \/app\/$/m);
    expect(readFileSync(join(root, '.dockerignore'), 'utf8')).toMatch(/node_modules/);
  });
});

describe('deploy/k8s ConfigMaps', () => {
  it.each(services)('%s gets only variables its config reads (or service URLs)', async (name) => {
    const tier = {
      deck: '60',
      gate: '50',
      orca: '40',
      echo: '40',
      clouddriver: '30',
      igor: '30',
      front50: '20',
    }[name];
    const doc = parse(readFileSync(join(root, `deploy/k8s/${tier}-${name}/configmap.yaml`), 'utf8')) as {
      data: Record<string, string>;
    };
    const known = new Set(await configKeys(name));
    expect(Object.keys(doc.data).filter((key) => !known.has(key) && !serviceUrls.has(key))).toEqual([]);
    expect(doc.data.PORT).toBe(String(defaultPorts[name]));
    const file = name === 'deck' ? 'services/deck/server/config.ts' : `services/${name}/src/config.ts`;
    const { configSchema } = (await import(join(root, file))) as { configSchema: z.ZodObject };
    const loaded = configSchema.safeParse({ ...doc.data, GENOA_INTERNAL_SECRET: 'x'.repeat(32) });
    expect(loaded.success, JSON.stringify(loaded.error?.issues)).toBe(true);
  });
});
