import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = ['gate', 'orca', 'clouddriver', 'igor', 'echo', 'front50', 'deck'] as const;

/** The `VAR` names in the first column of a README's environment table. */
function documentedVariables(readme: string): string[] {
  const section = readme.split(/^## Environment/m)[1] ?? '';
  return [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]!).sort();
}

// Each service README's env table must list exactly the variables its config schema reads.
describe('service READMEs document their configuration', () => {
  it.each(services)('%s', async (name) => {
    const configFile =
      name === 'deck'
        ? join(root, 'services/deck/server/config.ts')
        : join(root, `services/${name}/src/config.ts`);
    const { configSchema } = (await import(configFile)) as { configSchema: z.ZodObject };
    const readme = readFileSync(join(root, `services/${name}/README.md`), 'utf8');
    expect(documentedVariables(readme)).toEqual(Object.keys(configSchema.shape).sort());
  });
});
